"""“Download broadcast quality” leads one of four ways, and only the last one to the file."""

from urllib.parse import parse_qs, urlsplit

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from tests.factories import PASSWORD, publish
from tests.videos.conftest import story_showing
from videos.models import Download, Video

pytestmark = pytest.mark.django_db


def download_url(video, came_from="/en/news/a-story/"):
    return f"{reverse('video_download', args=[video.pk])}?from={came_from}"


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_an_anonymous_visitor_is_asked_to_log_in_and_then_comes_back_to_the_video(
    client, public_video, downloader
):
    response = client.get(download_url(public_video, "/en/videos/1/"))

    assert response.status_code == 302
    login = urlsplit(response["Location"])
    assert login.path == reverse("account_login")
    assert parse_qs(login.query)["next"] == ["/en/videos/1/"]

    logged_in = client.post(response["Location"], {"login": downloader.email, "password": PASSWORD})
    assert logged_in["Location"] == "/en/videos/1/"


@pytest.mark.parametrize(
    "language, reason",
    [
        ("en", "Log in or create an account to download broadcast-quality video."),
        (
            "fr",
            "Connectez-vous ou créez un compte pour télécharger les vidéos de qualité broadcast.",
        ),
    ],
)
def test_the_login_page_says_why_an_anonymous_visitor_was_sent_there(
    client, public_video, language, reason
):
    url = f"/{language}/downloads/videos/{public_video.pk}/?from=/{language}/videos/"

    login_page = client.get(url, follow=True)

    assert login_page.redirect_chain[-1][0].startswith(f"/{language}/accounts/login/")
    assert reason in login_page.content.decode()


def test_a_way_back_to_another_site_is_ignored(client, public_video):
    response = client.get(download_url(public_video, "https://evil.example/"))

    next_url = parse_qs(urlsplit(response["Location"]).query)["next"][0]
    assert urlsplit(next_url).path == reverse("video_download", args=[public_video.pk])


def test_a_logged_in_person_whose_address_is_unverified_is_asked_to_verify_it(
    client, public_video, reporter, terms_of_use, mailoutbox
):
    EmailAddress.objects.filter(user=reporter).update(verified=False)
    client.force_login(reporter)

    response = client.get(download_url(public_video))

    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == reverse("account_email_verification_sent")
    assert not Download.objects.exists()


def test_a_verified_person_accepts_new_terms_once_then_gets_the_file(
    client, public_video, reporter, terms_of_use, master
):
    client.force_login(reporter)
    url = download_url(public_video)

    to_terms = client.get(url)
    assert urlsplit(to_terms["Location"]).path == reverse("account_accept_terms")
    terms_page = client.get(to_terms["Location"])
    assert "Be fair." in terms_page.content.decode()

    refused = client.post(to_terms["Location"], {"next": url})
    assert refused.status_code == 400
    assert "Please accept the terms of use" in refused.content.decode()

    accepted = client.post(to_terms["Location"], {"next": url, "accept_terms": "on"})
    assert accepted["Location"] == url
    assert body(client.get(url)) == master
    assert client.get(url).status_code == 200, "accepted once, not at every download"


def test_new_terms_are_accepted_again(downloader_client, public_video, terms_of_use):
    publish(terms_of_use)  # a new version

    response = downloader_client.get(download_url(public_video))

    assert urlsplit(response["Location"]).path == reverse("account_accept_terms")


def test_the_file_is_an_attachment_named_after_the_video(downloader_client, public_video, master):
    response = downloader_client.get(download_url(public_video))

    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="swedens-accession-press-conference-stockholm.mxf"'
    )
    assert response["Content-Length"] == str(len(master))
    assert response["Accept-Ranges"] == "bytes"
    assert response["Cache-Control"] == "private, no-store"
    assert body(response) == master


def test_each_download_is_logged_with_who_what_and_how_much(
    downloader_client, downloader, public_video, master
):
    body(downloader_client.get(download_url(public_video)))

    logged = Download.objects.get()
    assert (logged.user, logged.video, logged.size) == (downloader, public_video, len(master))


@pytest.mark.parametrize(
    "state",
    ["processing", "failed", "waiting"],
)
def test_a_video_still_processing_or_failed_cannot_be_downloaded(
    downloader_client, public_video, state
):
    Video.objects.filter(pk=public_video.pk).update(status=state)

    response = downloader_client.get(download_url(public_video))

    assert response.status_code == 404
    assert "This video cannot be downloaded" in response.content.decode()
    assert not Download.objects.exists()


def test_a_video_only_on_a_draft_story_cannot_be_downloaded(downloader_client, video, news_index):
    story_showing(video, live=False)

    assert downloader_client.get(download_url(video)).status_code == 404


def test_a_video_on_an_unpublished_story_can_no_longer_be_downloaded(
    downloader_client, video, news_index
):
    story = publish(story_showing(video))
    assert downloader_client.get(download_url(video)).status_code == 200

    story.unpublish()

    assert downloader_client.get(download_url(video)).status_code == 404


def test_an_unknown_video_gets_a_clear_not_found_page(downloader_client):
    response = downloader_client.get(reverse("video_download", args=[987654]))

    assert response.status_code == 404
    assert "This video cannot be downloaded" in response.content.decode()
