"""How the master travels: resumable ranges in the embedded mode, X-Accel-Redirect behind
nginx, and no way around the checks."""

import datetime

import pytest
import time_machine
from django.conf import settings
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from newsroom.tasks import publish_scheduled_pages
from tests.factories import VideoFactory
from tests.videos.conftest import story_showing
from videos.models import Download

pytestmark = pytest.mark.django_db


def url_of(video):
    return reverse("video_download", args=[video.pk])


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_a_range_is_served_as_206_partial_content(downloader_client, public_video, master):
    response = downloader_client.get(url_of(public_video), HTTP_RANGE="bytes=100-199")

    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 100-199/{len(master)}"
    assert response["Content-Length"] == "100"
    assert body(response) == master[100:200]


def test_a_broken_download_resumes_where_it_stopped(downloader_client, public_video, master):
    first = downloader_client.get(url_of(public_video))
    received = body(first)[:1000]  # the connection broke after 1000 bytes

    rest = downloader_client.get(
        url_of(public_video), HTTP_RANGE=f"bytes={len(received)}-", HTTP_IF_RANGE=first["ETag"]
    )

    assert rest.status_code == 206
    assert received + body(rest) == master
    assert Download.objects.count() == 1, "resuming is the same download"


def test_a_suffix_range_serves_the_end_of_the_file(downloader_client, public_video, master):
    response = downloader_client.get(url_of(public_video), HTTP_RANGE="bytes=-10")

    assert body(response) == master[-10:]


def test_a_range_past_the_end_is_cut_to_the_file(downloader_client, public_video, master):
    response = downloader_client.get(url_of(public_video), HTTP_RANGE="bytes=10-999999999")

    assert response["Content-Range"] == f"bytes 10-{len(master) - 1}/{len(master)}"
    assert body(response) == master[10:]


def test_a_stale_if_range_gets_the_whole_new_file(downloader_client, public_video, master):
    response = downloader_client.get(
        url_of(public_video), HTTP_RANGE="bytes=10-", HTTP_IF_RANGE='"an-older-master"'
    )

    assert response.status_code == 200
    assert body(response) == master


@pytest.mark.parametrize(
    "header, explanation",
    [
        ("bytes=abc", "could not be read"),
        ("bytes=-", "could not be read"),
        ("bytes=0-10,20-30", "one byte range at a time"),
        ("bytes=0-100,50-150", "one byte range at a time"),
        ("bytes=20-10", "ends before it starts"),
        ("bytes=-0", "empty"),
    ],
)
def test_a_bad_range_gets_416_and_says_what_to_ask(
    downloader_client, public_video, master, header, explanation
):
    response = downloader_client.get(url_of(public_video), HTTP_RANGE=header)

    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{len(master)}"
    assert explanation in response.content.decode()
    assert not Download.objects.exists()


def test_a_range_beyond_the_end_gets_416(downloader_client, public_video, master):
    response = downloader_client.get(url_of(public_video), HTTP_RANGE=f"bytes={len(master)}-")

    assert response.status_code == 416
    assert "beyond its end" in response.content.decode()


def test_a_range_in_another_unit_is_ignored(downloader_client, public_video, master):
    response = downloader_client.get(url_of(public_video), HTTP_RANGE="lines=1-2")

    assert response.status_code == 200
    assert body(response) == master


def test_head_answers_the_headers_without_the_file_and_logs_nothing(
    downloader_client, public_video, master
):
    response = downloader_client.head(url_of(public_video))

    assert response.status_code == 200
    assert response["Content-Length"] == str(len(master))
    assert not Download.objects.exists()


def test_other_methods_are_refused(downloader_client, public_video):
    assert downloader_client.post(url_of(public_video)).status_code == 405


@override_settings(DOWNLOADS_BY_X_ACCEL=True)
def test_behind_nginx_the_response_names_the_file_for_the_internal_location(
    downloader_client, public_video
):
    response = downloader_client.get(url_of(public_video))

    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/private-downloads/{public_video.file.name}"
    assert response["Content-Disposition"] == (
        'attachment; filename="swedens-accession-press-conference-stockholm.mxf"'
    )
    assert response.content == b"", "nginx sends the bytes, not Python"
    assert Download.objects.count() == 1


@override_settings(DOWNLOADS_BY_X_ACCEL=True)
def test_behind_nginx_a_resumed_download_is_not_logged_twice(downloader_client, public_video):
    downloader_client.get(url_of(public_video))
    downloader_client.get(url_of(public_video), HTTP_RANGE="bytes=1000-")

    assert Download.objects.count() == 1


def test_masters_have_no_public_url(client, public_video):
    """Masters live outside MEDIA_ROOT: no guess under /media/ reaches one."""
    name = public_video.file.name
    assert not public_video.file.path.startswith(str(settings.MEDIA_ROOT))
    for guess in (
        f"/media/{name}",
        f"/media/../private/{name}",
        f"/media/%2e%2e/private/{name}",
        f"/private/{name}",
        f"/media/masters/{name.rsplit('/', 1)[-1]}",
    ):
        assert client.get(guess).status_code in (400, 404), guess


def test_the_preview_and_poster_of_a_public_video_are_public(client, public_video):
    assert client.get(public_video.preview_url).status_code == 200
    assert client.get(public_video.poster_url).status_code == 200


def test_asking_for_another_videos_id_checks_that_video(downloader_client, public_video):
    unpublished = VideoFactory(file=public_video.file.name)

    assert downloader_client.get(url_of(unpublished)).status_code == 404


def test_a_download_link_replayed_after_logging_out_is_refused(downloader_client, public_video):
    url = url_of(public_video)
    assert downloader_client.get(url).status_code == 200

    downloader_client.post(reverse("account_logout"))
    replayed = downloader_client.get(url)

    assert replayed.status_code == 302
    assert replayed["Location"].startswith(reverse("account_login"))


def test_a_video_on_an_embargoed_story_becomes_downloadable_when_it_goes_live(
    downloader_client, video, news_index
):
    go_live = timezone.now() + datetime.timedelta(hours=2)
    story = story_showing(video, live=False)
    story.go_live_at = go_live
    story.save_revision().publish()  # scheduled: not live until go_live_at

    assert downloader_client.get(url_of(video)).status_code == 404
    with time_machine.travel(go_live + datetime.timedelta(minutes=1)):
        publish_scheduled_pages()
        assert downloader_client.get(url_of(video)).status_code == 200
