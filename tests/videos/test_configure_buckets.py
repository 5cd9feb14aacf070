"""`manage.py configure_buckets` and the object storage settings: public media readable by
anyone, masters by no one, whatever else the bucket's policy says."""

import io
import json

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import CommandError, call_command

from cms.storage_config import object_storages
from tests.object_store import fetch


def policy_of(store):
    return json.loads(store.client.get_bucket_policy(Bucket=store.public_bucket)["Policy"])


def test_anyone_may_read_public_media_and_no_one_the_masters(object_storage):
    store = object_storage
    public = storages["default"].save("previews/clip.mp4", ContentFile(b"preview"))
    master = storages["private"].save("masters/clip.mxf", ContentFile(b"master"))

    status, _headers, body = fetch(store.object_address(store.public_bucket, f"media/{public}"))
    assert (status, body) == (200, b"preview")
    status, _headers, _body = fetch(store.object_address(store.private_bucket, f"private/{master}"))
    assert status == 403
    (statement,) = policy_of(store)["Statement"]
    assert statement["Resource"] == f"arn:aws:s3:::{store.public_bucket}/media/*"


def test_running_it_again_keeps_one_statement_of_its_own_and_everyone_elses(object_storage):
    theirs = {
        "Sid": "TheirAuditor",
        "Effect": "Allow",
        "Principal": {"AWS": "arn:aws:iam::123456789012:root"},
        "Action": "s3:ListBucket",
        "Resource": f"arn:aws:s3:::{object_storage.public_bucket}",
    }
    policy = policy_of(object_storage)
    policy["Statement"].append(theirs)
    object_storage.client.put_bucket_policy(
        Bucket=object_storage.public_bucket, Policy=json.dumps(policy)
    )

    call_command("configure_buckets", stdout=io.StringIO())

    sids = sorted(statement["Sid"] for statement in policy_of(object_storage)["Statement"])
    assert sids == ["NewsroomPublicMedia", "TheirAuditor"]


def test_without_object_storage_it_says_what_to_set():
    with pytest.raises(CommandError, match="AWS_STORAGE_BUCKET_NAME"):
        call_command("configure_buckets")


@pytest.mark.parametrize(
    "public_location, private_location",
    [("media", "media"), ("", "private"), ("media", "media/private"), ("files/a", "files")],
)
def test_one_bucket_needs_two_separate_prefixes(public_location, private_location):
    with pytest.raises(ImproperlyConfigured, match="two separate prefixes"):
        object_storages(
            "newsroom", public_location=public_location, private_location=private_location
        )


def test_two_buckets_may_use_any_prefixes():
    configured = object_storages("newsroom", private_bucket="masters", private_location="")

    assert configured["private"]["OPTIONS"]["bucket_name"] == "masters"
    assert configured["default"]["OPTIONS"]["querystring_auth"] is False
    assert configured["private"]["OPTIONS"]["querystring_auth"] is True
