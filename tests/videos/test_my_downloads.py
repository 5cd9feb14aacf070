"""A downloader's history on the account page, and what is kept when the account goes."""

import pytest
from django.urls import reverse

from tests.factories import PASSWORD, VideoFactory
from videos.models import Download

pytestmark = pytest.mark.django_db


def test_my_downloads_lists_each_download_with_a_way_to_download_again(
    downloader_client, public_video
):
    downloader_client.get(reverse("video_download", args=[public_video.pk]))
    withdrawn = VideoFactory(title="Withdrawn clip")
    Download.objects.create(video=withdrawn, user=Download.objects.get().user, size=10)

    page = downloader_client.get("/en/accounts/profile/").content.decode()

    assert "My downloads" in page
    assert public_video.title in page
    assert f'href="/en/downloads/videos/{public_video.pk}/?from=/en/accounts/profile/"' in page
    assert "Withdrawn clip" in page and "No longer available" in page


def test_my_downloads_shows_only_my_own(downloader_client, public_video, video):
    other = VideoFactory(title="Someone else’s clip")
    Download.objects.create(video=other, user=None, size=10)

    page = downloader_client.get("/en/accounts/profile/").content.decode()

    assert "Someone else" not in page
    assert "You have not downloaded any video yet." in page


def test_my_downloads_is_translated(downloader_client):
    page = downloader_client.get("/fr/accounts/profile/").content.decode()

    assert "Mes téléchargements" in page


def test_deleting_an_account_keeps_the_download_counts_but_not_the_person(
    downloader_client, public_video
):
    downloader_client.get(reverse("video_download", args=[public_video.pk]))

    downloader_client.post("/en/accounts/profile/delete/", {"password": PASSWORD})

    kept = Download.objects.get()
    assert kept.user is None and kept.video == public_video


def test_the_personal_data_export_includes_my_downloads(downloader_client, public_video):
    downloader_client.get(reverse("video_download", args=[public_video.pk]))

    exported = downloader_client.get("/en/accounts/profile/my-data.json").json()

    [download] = exported["video_downloads"]
    assert download["video"] == public_video.title
    assert download["size"] == public_video.file_size
