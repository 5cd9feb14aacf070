"""A real S3-compatible server for the tests: moto's server mode, in a process of its own on a
free loopback port, started once per session and only by tests that ask for it. The site talks
to it over HTTP exactly as it would to a provider; nothing in boto is mocked."""

import io
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass

import boto3
import pytest
from botocore.config import Config
from django.core.management import call_command

from cms.storage_config import object_storages

REGION = "eu-west-3"
KEYS = {"access_key": "newsroom-tests", "secret_key": "newsroom-tests-secret"}


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def closed_endpoint():
    """An address on which nothing listens: a store that is down."""
    return f"http://127.0.0.1:{free_port()}"


@pytest.fixture(scope="session")
def s3_server():
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("moto's S3 server did not start") from None
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@dataclass
class ObjectStore:
    endpoint: str
    public_bucket: str
    private_bucket: str

    @property
    def client(self):
        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            region_name=REGION,
            aws_access_key_id=KEYS["access_key"],
            aws_secret_access_key=KEYS["secret_key"],
            config=Config(signature_version="s3v4"),
        )

    def keys(self, bucket):
        listing = self.client.list_objects_v2(Bucket=bucket)
        return sorted(entry["Key"] for entry in listing.get("Contents", []))

    def read(self, bucket, key):
        return self.client.get_object(Bucket=bucket, Key=key)["Body"].read()

    def object_address(self, bucket, key):
        return f"{self.endpoint}/{bucket}/{key}"

    def storages(self, *, endpoint=None, **options):
        return object_storages(
            self.public_bucket,
            private_bucket=self.private_bucket,
            endpoint_url=endpoint or self.endpoint,
            region_name=REGION,
            **KEYS,
            **options,
        )


def fetch(address, **headers):
    """An anonymous GET, as a browser or a stranger guessing addresses would make it."""
    request = urllib.request.Request(address, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as refused:
        return refused.code, refused.headers, refused.read()


def use_object_storage(settings, s3_server, *, separate_buckets):
    name = f"newsroom-{uuid.uuid4().hex[:12]}"
    store = ObjectStore(s3_server, name, f"{name}-masters" if separate_buckets else name)
    settings.STORAGES = {**settings.STORAGES, **store.storages()}
    call_command("configure_buckets", stdout=io.StringIO())
    return store


@pytest.fixture
def object_storage(settings, s3_server):
    """The site configured as in production by default: one bucket, public media under
    media/ and masters under private/, made ready by `manage.py configure_buckets`."""
    return use_object_storage(settings, s3_server, separate_buckets=False)


@pytest.fixture
def object_storage_in_two_buckets(settings, s3_server):
    return use_object_storage(settings, s3_server, separate_buckets=True)
