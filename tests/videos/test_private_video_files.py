"""A video's preview, poster and captions are for the public only once the video is public
(`Video.objects.public()`): shown on a page the public may see. Before that, a draft story's,
an embargoed story's or a restricted page's video keeps them from anyone outside the admin,
at their own address and at any address guessed from the master's name; at the embargo's minute
they are public at once, and when a video stops being public the CDN forgets them. This holds
in the embedded mode, behind nginx (X-Accel-Redirect) and in object storage."""

import datetime
from importlib import import_module
from pathlib import Path
from unittest import mock

import pytest
import time_machine
from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import override_settings
from wagtail.models import PageViewRestriction

from newsroom.tasks import publish_scheduled_pages
from tests.admin_login import sign_in_to_admin
from tests.factories import UserFactory, VideoFactory, publish
from tests.object_store import fetch
from tests.videos.conftest import story_showing
from videos.models import CaptionTrack, Video

pytestmark = pytest.mark.django_db

GO_LIVE = datetime.datetime(2030, 1, 15, 9, 0, tzinfo=datetime.UTC)
PREVIEW, POSTER, CAPTIONS = b"\x00\x00\x00\x18ftypmp42 preview", b"\xff\xd8 poster", b"WEBVTT\n"


def with_files(**fields):
    video = VideoFactory(
        preview=ContentFile(PREVIEW, name="press-conference.mp4"),
        thumbnail=ContentFile(POSTER, name="press-conference.jpg"),
        **fields,
    )
    CaptionTrack.objects.create(
        video=video, language="fr", file=ContentFile(CAPTIONS, name="press-conference-fr.vtt")
    )
    return video


def addresses(video):
    """Where the site points at the video's files."""
    return {
        "preview": (video.preview_url, PREVIEW),
        "poster": (video.poster_url, POSTER),
        "captions": (video.captions.get().url, CAPTIONS),
    }


def guessed_addresses(video):
    """Where the files would be if they were public media, named after the master."""
    return [
        f"/media/previews/{video.created_at:%Y/%m}/press-conference.mp4",
        "/media/media_thumbnails/press-conference.jpg",
        f"/media/captions/{video.created_at:%Y/%m}/press-conference-fr.vtt",
        f"/media/{video.preview.name}",
        f"/media/{video.thumbnail.name}",
        f"/media/{video.captions.get().file.name}",
    ]


def body_of(response):
    return b"".join(response.streaming_content)


def assert_kept_from_the_public(client, video):
    for kind, (address, _content) in addresses(video).items():
        assert address, kind
        response = client.get(address)
        assert response.status_code == 404, kind
        assert response["Cache-Control"] == "private, no-store", kind
    for address in guessed_addresses(video):
        assert client.get(address).status_code == 404, address


def assert_served(client, video):
    for kind, (address, content) in addresses(video).items():
        response = client.get(address)
        assert response.status_code == 200, kind
        assert body_of(response) == content, kind


@pytest.fixture
def embargoed(news_index):
    with time_machine.travel(GO_LIVE - datetime.timedelta(hours=2), tick=False):
        video = with_files(title="Embargoed footage")
        story = story_showing(video, live=False)
        story.go_live_at = GO_LIVE
        story.save_revision().publish()
    return story, video


def test_the_files_of_a_draft_storys_video_are_kept_from_the_public(client, news_index):
    video = with_files()
    story_showing(video, live=False)

    assert_kept_from_the_public(client, video)


def test_the_files_of_a_video_shown_nowhere_are_kept_from_the_public(client):
    assert_kept_from_the_public(client, with_files())


def test_an_embargoed_storys_video_files_are_kept_until_its_minute_then_public_at_once(
    client, embargoed, django_capture_on_commit_callbacks
):
    _story, video = embargoed

    with time_machine.travel(GO_LIVE - datetime.timedelta(minutes=1), tick=False):
        publish_scheduled_pages()
        assert_kept_from_the_public(client, video)

    with time_machine.travel(GO_LIVE + datetime.timedelta(seconds=30), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            publish_scheduled_pages()
        assert_served(client, video)


def test_the_files_of_a_video_on_a_view_restricted_page_are_kept_from_the_public(
    client, news_index, django_capture_on_commit_callbacks
):
    video = with_files()
    story = publish(story_showing(video))
    assert_served(client, video)

    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=story, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
        )

    assert_kept_from_the_public(client, video)


def test_a_public_videos_files_are_served_for_a_cdn_to_keep(client, news_index):
    video = with_files()
    publish(story_showing(video))

    for kind, (address, content) in addresses(video).items():
        response = client.get(address)
        assert response.status_code == 200 and body_of(response) == content, kind
        assert "public" in response["Cache-Control"] and "s-maxage" in response["Cache-Control"]
    assert client.get(video.preview_url)["Content-Type"] == "video/mp4"
    assert client.get(video.poster_url)["Content-Type"] == "image/jpeg"
    assert client.get(video.captions.get().url)["Content-Type"] == "text/vtt; charset=utf-8"


def test_a_public_preview_answers_a_range_so_a_player_can_seek(client, news_index):
    video = with_files()
    publish(story_showing(video))

    response = client.get(video.preview_url, HTTP_RANGE="bytes=4-")

    assert response.status_code == 206
    assert body_of(response) == PREVIEW[4:]
    assert response["Content-Range"] == f"bytes 4-{len(PREVIEW) - 1}/{len(PREVIEW)}"


def test_a_name_that_is_not_the_files_own_is_not_found(client, news_index):
    video = with_files()
    publish(story_showing(video))

    assert client.get(video.preview_url.replace("press-conference", "other")).status_code == 404


def test_staff_signed_in_to_the_admin_see_a_draft_videos_files_privately(client, news_index):
    video = with_files()
    sign_in_to_admin(
        client, UserFactory(email="desk@example.org", is_staff=True, is_superuser=True)
    )

    for kind, (address, content) in addresses(video).items():
        response = client.get(address)
        assert response.status_code == 200 and body_of(response) == content, kind
        assert response["Cache-Control"] == "private, no-store", kind


def test_a_reader_or_staff_without_the_second_factor_does_not(client, news_index, reporter):
    video = with_files()
    client.force_login(reporter)
    assert_kept_from_the_public(client, video)

    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert_kept_from_the_public(client, video)


def test_the_files_are_kept_outside_the_public_media_folder():
    video = with_files()

    for field_file in (video.preview, video.thumbnail, video.captions.get().file):
        stored = Path(field_file.path).resolve()
        assert stored.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT).resolve())
        assert not stored.is_relative_to(Path(settings.MEDIA_ROOT).resolve())


def test_behind_nginx_a_public_videos_files_go_to_the_internal_location(client, news_index):
    video = with_files()
    publish(story_showing(video))

    with override_settings(DOWNLOADS_BY_X_ACCEL=True):
        response = client.get(video.preview_url)
        refused = client.get(with_files().preview_url)

    assert response["X-Accel-Redirect"] == f"{settings.SENDFILE_URL}/{video.preview.name}"
    assert "public" in response["Cache-Control"]
    assert refused.status_code == 404 and "X-Accel-Redirect" not in refused


def test_when_a_video_stops_being_public_the_cdn_forgets_its_files(
    client, news_index, settings, django_capture_on_commit_callbacks
):
    settings.WAGTAILFRONTENDCACHE = {
        "cdn": {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend"}
    }
    video = with_files()
    story = publish(story_showing(video))

    with (
        mock.patch("wagtail.contrib.frontend_cache.utils.PurgeBatch.purge", autospec=True) as purge,
        django_capture_on_commit_callbacks(execute=True),
    ):
        story.unpublish()

    purged = {url for call in purge.call_args_list for url in call.args[0].urls}
    assert {f"http://localhost{address}" for address, _ in addresses(video).values()} <= purged
    assert_kept_from_the_public(client, video)


def test_in_object_storage_the_files_are_private_objects_handed_out_by_signed_address(
    object_storage, client, news_index
):
    video = with_files()
    hidden = with_files()
    publish(story_showing(video))

    keys = object_storage.keys(object_storage.public_bucket)
    assert not [key for key in keys if key.startswith("media/")], "nothing public in the bucket"
    for field_file in (hidden.preview, hidden.thumbnail, hidden.captions.get().file):
        key = f"private/{field_file.name}"
        assert key in keys
        assert fetch(object_storage.object_address(object_storage.public_bucket, key))[0] == 403
    assert client.get(hidden.preview_url).status_code == 404
    for kind, (address, content) in addresses(video).items():
        response = client.get(address)
        assert response.status_code == 302, kind
        assert "X-Amz-Signature" in response["Location"], kind
        status, _headers, body = fetch(response["Location"])
        assert status == 200 and body == content, kind


def test_a_store_that_cannot_be_reached_gets_a_clear_answer_not_an_error(client, news_index):
    video = with_files()
    publish(story_showing(video))

    with mock.patch("videos.file_views.stored_file_response", side_effect=ConnectionError):
        response = client.get(video.preview_url)

    assert response.status_code == 503 and response["Retry-After"]
    assert "Try again in a few minutes" in response.content.decode()
    assert response["Cache-Control"] == "private, no-store"


def test_files_made_before_move_out_of_the_public_media_folder():
    migration = import_module("videos.migrations.0006_move_video_files_to_private_storage")
    video = with_files()
    old = {
        "preview": default_storage.save("previews/2024/05/old.mp4", ContentFile(PREVIEW)),
        "thumbnail": default_storage.save("media_thumbnails/old.jpg", ContentFile(POSTER)),
    }
    Video.objects.filter(pk=video.pk).update(**old)
    caption = default_storage.save("captions/2024/05/old-fr.vtt", ContentFile(CAPTIONS))
    CaptionTrack.objects.filter(video=video).update(file=caption)

    migration.move_video_files(apps, None)

    video.refresh_from_db()
    for field_file, name, content in (
        (video.preview, old["preview"], PREVIEW),
        (video.thumbnail, old["thumbnail"], POSTER),
        (video.captions.get().file, caption, CAPTIONS),
    ):
        assert field_file.name == name
        assert not default_storage.exists(name)
        with field_file.open("rb") as stored:
            assert stored.read() == content


def test_a_poster_that_is_not_a_picture_is_sent_as_bytes_that_no_browser_runs(client, news_index):
    video = VideoFactory(thumbnail=ContentFile(b"<svg onload='alert(1)'/>", name="poster.svg"))
    publish(story_showing(video))

    response = client.get(video.poster_url)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
