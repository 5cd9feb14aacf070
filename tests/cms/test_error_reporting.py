"""Errors are reported to Sentry only where SENTRY_DSN is set, without personal data, and name
the request they happened in (cms/error_reporting.py). The report is really sent: to a local
HTTP server standing in for Sentry, by a Django process started with that DSN."""

import gzip
import json
import os
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import sentry_sdk
from django.conf import settings

A_REQUEST_ID = "edge-sentry-7a9d2c"
A_SESSION = "a-session-key-that-must-not-leave"


class SentryIngest(BaseHTTPRequestHandler):
    """Takes envelopes as Sentry's ingest endpoint does, and keeps their items."""

    items = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        encoding = self.headers.get("Content-Encoding", "")
        if encoding == "gzip":
            body = gzip.decompress(body)
        elif encoding == "br":
            import brotli

            body = brotli.decompress(body)
        lines = body.decode().splitlines()
        for header, payload in zip(lines[1::2], lines[2::2], strict=False):
            SentryIngest.items.append((self.path, json.loads(header), payload))
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


@pytest.fixture
def sentry_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), SentryIngest)
    SentryIngest.items = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


def test_without_a_dsn_nothing_is_initialised():
    if os.environ.get("SENTRY_DSN"):
        pytest.skip("SENTRY_DSN is set for this run")

    assert settings.SENTRY_DSN == ""
    assert not sentry_sdk.get_client().is_active()


def test_a_failing_view_is_reported_with_its_request_id_and_no_personal_data(
    sentry_server, tmp_path
):
    dsn = f"http://publickey@127.0.0.1:{sentry_server.server_port}/42"
    script = (
        "import django, sentry_sdk; django.setup(); "
        "from django.test import Client, override_settings; "
        "client = Client(raise_request_exception=False); "
        f"client.cookies['sessionid'] = {A_SESSION!r}; "
        "with_urls = override_settings(ROOT_URLCONF='tests.cms.failing_view_urls'); "
        "with_urls.enable(); "
        f"response = client.get('/fail/', HTTP_X_REQUEST_ID={A_REQUEST_ID!r}); "
        "sentry_sdk.flush(timeout=10); "
        "print(response.status_code)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=Path(settings.BASE_DIR),
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cms.settings.test",
            "VAR_DIR": str(tmp_path),
            "SENTRY_DSN": dsn,
            "SENTRY_ENVIRONMENT": "staging",
            "SENTRY_RELEASE": "newsroom@1.2.3",
        },
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "500"
    events = [
        (path, json.loads(payload))
        for path, header, payload in SentryIngest.items
        if header.get("type") == "event"
    ]
    assert len(events) == 1, SentryIngest.items
    path, event = events[0]
    assert path == "/api/42/envelope/"
    [exception] = event["exception"]["values"]
    assert (exception["type"], exception["value"]) == (
        "RuntimeError",
        "a view failed on purpose, 18 characters in",
    )
    assert event["release"] == "newsroom@1.2.3"
    assert event["environment"] == "staging"
    assert event["tags"]["request_id"] == A_REQUEST_ID
    assert "cookies" not in event["request"]
    everything_sent = "".join(payload for _path, _header, payload in SentryIngest.items)
    assert A_SESSION not in everything_sent
    assert "reader@example.org" not in everything_sent, "a local variable was sent"
