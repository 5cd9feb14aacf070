"""Videos in S3-compatible object storage: masters, previews and posters private, downloads
through signed addresses that expire in minutes. Every test talks to moto's S3 server
over HTTP (tests/object_store.py)."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.object_store import fetch
from videos.models import Download, Video
from videos.processing import process_video
from videos.test_pattern import render_test_pattern

pytestmark = pytest.mark.django_db

ATTACHMENT = 'attachment; filename="swedens-accession-press-conference-stockholm.mxf"'


def url_of(video):
    return reverse("video_download", args=[video.pk])


def query_of(address):
    return parse_qs(urlsplit(address).query)


def upload_form(title, master, **more):
    return {
        "title": title,
        "file": SimpleUploadedFile("press-conference.mxf", master),
        "collection": 1,
        "shot_list_text": "",
        **more,
    }


def test_a_master_uploaded_in_the_admin_is_stored_where_no_stranger_can_read_it(
    object_storage, editor_client, master
):
    response = editor_client.post("/admin/media/video/add/", upload_form("Accession", master))

    assert response.status_code == 302
    video = Video.objects.get(title="Accession")
    key = f"private/{video.file.name}"
    assert object_storage.keys(object_storage.private_bucket) == [key]
    assert object_storage.read(object_storage.private_bucket, key) == master
    status, _headers, _body = fetch(
        object_storage.object_address(object_storage.private_bucket, key)
    )
    assert status == 403, "an anonymous request for the master's object is refused"


def test_with_two_buckets_masters_go_to_their_own_bucket_which_refuses_public_access(
    object_storage_in_two_buckets, editor_client, master
):
    store = object_storage_in_two_buckets

    editor_client.post("/admin/media/video/add/", upload_form("Accession", master))

    video = Video.objects.get(title="Accession")
    assert store.keys(store.private_bucket) == [f"private/{video.file.name}"]
    assert store.keys(store.public_bucket) == []
    block = store.client.get_public_access_block(Bucket=store.private_bucket)
    assert all(block["PublicAccessBlockConfiguration"].values())
    status, _headers, _body = fetch(
        store.object_address(store.private_bucket, f"private/{video.file.name}")
    )
    assert status == 403


def test_two_masters_with_the_same_name_stay_two_objects(object_storage, editor_client):
    editor_client.post("/admin/media/video/add/", upload_form("First", b"first master"))
    editor_client.post("/admin/media/video/add/", upload_form("Second", b"second master"))

    first, second = Video.objects.get(title="First"), Video.objects.get(title="Second")
    assert first.file.name != second.file.name
    with first.file.open("rb") as stored:
        assert stored.read() == b"first master"


def test_processing_reads_the_master_from_the_bucket_and_keeps_preview_and_poster_private(
    object_storage, tmp_path
):
    clip = tmp_path / "clip.mp4"
    render_test_pattern(str(clip), seconds=1, width=320, height=240)
    video = Video(title="From the bucket")
    video.file.save("clip.mp4", ContentFile(clip.read_bytes()), save=False)
    video.save()

    process_video(video)

    video.refresh_from_db()
    assert video.status == Video.Status.READY, video.failure_reason
    assert video.width == 320 and video.file_size == clip.stat().st_size
    keys = object_storage.keys(object_storage.private_bucket)
    for made in (video.preview, video.thumbnail):
        key = f"private/{made.name}"
        assert key in keys
        status, _headers, _body = fetch(
            object_storage.object_address(object_storage.private_bucket, key)
        )
        assert status == 403, "shown through the checked view only, once the video is public"
    assert (
        object_storage.read(object_storage.private_bucket, f"private/{video.preview.name}")[4:8]
        == b"ftyp"
    )


def test_a_download_is_logged_then_redirected_to_a_signed_address_of_the_master(
    stored_video, downloader_client, master
):
    """moto 5.2.5's server does not refuse a signed address once it has expired, so this checks
    that the address is signed to expire after MASTER_DOWNLOAD_URL_SECONDS (X-Amz-Expires), and
    that fetching it before then brings the master, as an attachment named after the video."""
    response = downloader_client.get(url_of(stored_video))

    assert response.status_code == 302
    assert response["Cache-Control"] == "private, no-store"
    query = query_of(response["Location"])
    assert query["X-Amz-Expires"] == ["300"]
    assert query["X-Amz-Signature"]
    download = Download.objects.get()
    assert download.user.email == "reporter@example.org" and download.size == len(master)
    status, headers, body = fetch(response["Location"])
    assert status == 200 and body == master
    assert headers["Content-Disposition"] == ATTACHMENT


def test_how_long_a_download_address_works_is_a_setting(stored_video, downloader_client, settings):
    settings.MASTER_DOWNLOAD_URL_SECONDS = 120

    response = downloader_client.get(url_of(stored_video))

    assert query_of(response["Location"])["X-Amz-Expires"] == ["120"]


def test_the_store_answers_ranges_so_a_broken_download_resumes(
    stored_video, downloader_client, master
):
    address = downloader_client.get(url_of(stored_video))["Location"]

    status, headers, body = fetch(address, Range="bytes=1000-")

    assert status == 206 and body == master[1000:]
    assert headers["Content-Range"] == f"bytes 1000-{len(master) - 1}/{len(master)}"


def test_a_resumed_download_through_the_site_is_not_logged_twice(stored_video, downloader_client):
    downloader_client.get(url_of(stored_video))
    resumed = downloader_client.get(url_of(stored_video), HTTP_RANGE="bytes=1000-")

    assert resumed.status_code == 302
    assert Download.objects.count() == 1


def test_head_is_redirected_without_being_logged(stored_video, downloader_client):
    assert downloader_client.head(url_of(stored_video)).status_code == 302
    assert not Download.objects.exists()


def test_the_checks_come_before_any_signed_address(stored_video, client, reporter, terms_of_use):
    anonymous = client.get(url_of(stored_video))
    client.force_login(reporter)  # verified, but has not accepted the terms
    no_terms = client.get(url_of(stored_video))

    for response in (anonymous, no_terms):
        assert response.status_code == 302
        assert "X-Amz" not in response["Location"]
    assert not Download.objects.exists()
