"""When the object store cannot be reached: a download fails with a clear message, an upload
with a clear error, processing with a reason, and nothing is left half done. The store is "down"
by pointing the site at a loopback port on which nothing listens."""

from unittest import mock

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from cms.object_storage import ObjectStorage
from tests.object_store import closed_endpoint
from videos.models import CaptionTrack, Download, Video
from videos.processing import process_video

pytestmark = pytest.mark.django_db

STORE_DOWN = "The file store could not be reached, so nothing was saved."


def take_the_store_down(settings, store):
    settings.STORAGES = {**settings.STORAGES, **store.storages(endpoint=closed_endpoint())}


def test_a_download_while_the_store_is_down_says_to_try_again_and_logs_nothing(
    stored_video, object_storage, downloader_client, settings
):
    take_the_store_down(settings, object_storage)

    response = downloader_client.get(reverse("video_download", args=[stored_video.pk]))

    assert response.status_code == 503
    assert response["Retry-After"] == "120"
    assert response["Cache-Control"] == "private, no-store"
    page = response.content.decode()
    assert "The download could not start" in page
    assert "Please try again in a few minutes." in page
    assert "127.0.0.1" not in page, "the page names no server"
    assert not Download.objects.exists()


def test_the_store_down_page_is_translated(
    stored_video, object_storage, downloader_client, settings
):
    take_the_store_down(settings, object_storage)

    with translation.override("fr"):
        response = downloader_client.get(reverse("video_download", args=[stored_video.pk]))

    assert response.status_code == 503
    assert "Le téléchargement n’a pas pu commencer" in response.content.decode()


def test_a_master_missing_from_the_bucket_is_the_same_clear_page(
    stored_video, object_storage, downloader_client
):
    object_storage.client.delete_object(
        Bucket=object_storage.private_bucket, Key=f"private/{stored_video.file.name}"
    )

    response = downloader_client.get(reverse("video_download", args=[stored_video.pk]))

    assert response.status_code == 503
    assert not Download.objects.exists()


def test_in_the_embedded_mode_a_master_missing_from_its_folder_is_the_same_clear_page(
    public_video, downloader_client
):
    public_video.file.storage.delete(public_video.file.name)

    response = downloader_client.get(reverse("video_download", args=[public_video.pk]))

    assert response.status_code == 503
    assert not Download.objects.exists()


def test_an_upload_while_the_store_is_down_is_refused_clearly_and_saves_nothing(
    object_storage, editor_client, settings
):
    take_the_store_down(settings, object_storage)

    response = editor_client.post(
        "/admin/media/video/add/",
        {
            "title": "Lost upload",
            "file": SimpleUploadedFile("press.mxf", b"master bytes"),
            "collection": 1,
            "shot_list_text": "",
        },
    )

    assert response.status_code == 200
    assert STORE_DOWN in response.content.decode()
    assert not Video.objects.exists()
    assert object_storage.keys(object_storage.private_bucket) == []


def test_an_upload_that_fails_halfway_takes_back_what_it_stored(object_storage, editor_client):
    """The store takes the master, then goes down before the captions: the master is deleted
    again."""
    store_once = ObjectStorage._save

    def down_after_the_first(storage, name, content):
        if object_storage.keys(object_storage.private_bucket):
            raise ConnectionError("The object store could not be reached")
        return store_once(storage, name, content)

    with mock.patch.object(ObjectStorage, "_save", down_after_the_first):
        response = editor_client.post(
            "/admin/media/video/add/",
            {
                "title": "Half an upload",
                "file": SimpleUploadedFile("press.mxf", b"master bytes"),
                "captions_en": SimpleUploadedFile("en.vtt", b"WEBVTT\n"),
                "collection": 1,
                "shot_list_text": "",
            },
        )

    assert STORE_DOWN in response.content.decode()
    assert not Video.objects.exists() and not CaptionTrack.objects.exists()
    assert object_storage.keys(object_storage.private_bucket) == []


def test_editing_while_the_store_is_down_keeps_the_video_as_it_was(
    stored_video, object_storage, editor_client, settings
):
    master = stored_video.file.name
    take_the_store_down(settings, object_storage)

    response = editor_client.post(
        f"/admin/media/edit/{stored_video.pk}/",
        {
            "title": "Renamed",
            "file": SimpleUploadedFile("new-master.mxf", b"new master"),
            "collection": stored_video.collection_id,
            "shot_list_text": "",
            "tags": "",
        },
    )

    assert STORE_DOWN in response.content.decode()
    stored_video.refresh_from_db()
    assert stored_video.title != "Renamed" and stored_video.file.name == master
    masters = [
        key
        for key in object_storage.keys(object_storage.private_bucket)
        if key.startswith("private/masters/")
    ]
    assert masters == [f"private/{master}"]


def test_processing_while_the_store_is_down_fails_with_a_reason_to_act_on(object_storage, settings):
    video = Video(title="Unreachable")
    video.file.save("clip.mp4", ContentFile(b"not processed yet"), save=False)
    video.save()
    take_the_store_down(settings, object_storage)

    process_video(video)

    video.refresh_from_db()
    assert video.status == Video.Status.FAILED
    assert video.failure_reason.startswith("The file store could not be reached")


def test_pages_keep_serving_while_the_store_is_down(
    stored_video, object_storage, client, editor_client, settings
):
    """Public addresses are made without asking the store; the admin's edit page, which does
    ask for the master's size, says the file cannot be found rather than failing."""
    take_the_store_down(settings, object_storage)

    page = client.get(f"/en/videos/{stored_video.pk}/")
    edit_page = editor_client.get(f"/admin/media/edit/{stored_video.pk}/")

    assert page.status_code == 200
    assert stored_video.preview_url in page.content.decode()
    assert edit_page.status_code == 200
