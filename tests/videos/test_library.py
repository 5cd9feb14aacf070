"""The video library and each video's page: only what the public may see, in either language."""

import datetime
import json
import re
from datetime import UTC

import pytest
from django.core.files.base import ContentFile
from wagtail.models import PageViewRestriction

from newsroom.models import VideoLibraryPage
from tests.factories import VideoFactory, publish
from tests.videos.conftest import story_showing
from videos.models import CaptionTrack, Video

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(home):
    return VideoLibraryPage.objects.child_of(home).get()


def structured_data(html):
    found = re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S)
    return json.loads(found.group(1))


def test_the_library_lives_at_en_videos_and_lists_public_videos_newest_first(
    client, library, news_index
):
    older, newer = VideoFactory(title="Older clip"), VideoFactory(title="Newer clip")
    Video.objects.filter(pk=older.pk).update(created_at=datetime.datetime(2024, 1, 1, tzinfo=UTC))
    publish(story_showing(older))
    publish(story_showing(newer))
    hidden = VideoFactory(title="Only in a draft")
    story_showing(hidden, live=False)

    html = client.get("/en/videos/").content.decode()

    assert html.index("Newer clip") < html.index("Older clip")
    assert "Only in a draft" not in html


def test_the_library_filters_by_topic_and_month(client, library, news_index):
    defence, elections = VideoFactory(title="Defence clip"), VideoFactory(title="Election clip")
    Video.objects.filter(pk=elections.pk).update(
        created_at=datetime.datetime(2024, 3, 5, tzinfo=UTC)
    )
    publish(story_showing(defence, topics=["Defence"]))
    publish(story_showing(elections, topics=["Elections"]))

    by_topic = client.get("/en/videos/?topic=defence").content.decode()
    by_month = client.get("/en/videos/?year=2024&month=3").content.decode()

    assert "Defence clip" in by_topic and "Election clip" not in by_topic
    assert "Election clip" in by_month and "Defence clip" not in by_month


@pytest.mark.parametrize(
    "query", ["?year=abc", "?month=13&year=2024", "?page=999", "?page=x", "?topic=%00"]
)
def test_bad_filters_give_a_normal_page(client, library, query):
    assert client.get(f"/en/videos/{query}").status_code == 200


def test_a_videos_page_plays_the_preview_with_captions_and_shows_its_details(
    client, library, news_index
):
    video = VideoFactory(
        title="Press conference",
        description="The Secretary General speaks to the press.",
        transcript="Good afternoon.",
        shot_list=[{"timecode": "00:00:05", "description": "Wide shot of the podium"}],
        location="Stockholm",
        sha256="ab" * 32,
    )
    CaptionTrack.objects.create(
        video=video, language="fr", file=ContentFile(b"WEBVTT\n", name="fr.vtt")
    )
    publish(story_showing(video))

    response = client.get(f"/en/videos/{video.pk}/")
    html = response.content.decode()

    assert response.status_code == 200
    assert f'<source src="{video.preview_url}" type="video/mp4">' in html
    assert f'src="{video.captions.get().url}" srclang="fr"' in html
    assert 'kind="captions"' in html and 'srclang="fr"' in html and 'label="Français"' in html
    assert 'poster="' in html
    assert 'id="transcript"' in html and "Good afternoon." in html
    assert "Wide shot of the podium" in html and "00:00:05" in html
    assert "Download broadcast quality" in html
    data = structured_data(html)
    assert data["@type"] == "VideoObject"
    assert data["name"] == "Press conference"
    assert data["duration"] == "PT0H0M4S"
    assert data["contentUrl"] == f"http://testserver{video.preview_url}"
    assert data["contentLocation"]["name"] == "Stockholm"


def test_a_video_not_shown_on_a_published_page_has_no_page(client, library):
    video = VideoFactory()

    assert client.get(f"/en/videos/{video.pk}/").status_code == 404
    assert client.get("/en/videos/123456/").status_code == 404


def test_a_story_plays_its_video_with_a_download_button_and_a_transcript_link(
    client, library, news_index
):
    video = VideoFactory(transcript="Words.")
    story = publish(story_showing(video))

    html = client.get(story.url).content.decode()

    assert f"/en/downloads/videos/{video.pk}/?from={story.url}" in html
    assert f'href="/en/videos/{video.pk}/#transcript"' in html


def test_a_view_restriction_hides_the_video_everywhere(
    client, library, news_index, django_capture_on_commit_callbacks
):
    video = VideoFactory(title="Members only")
    story = publish(story_showing(video))
    assert Video.objects.public().filter(pk=video.pk).exists()

    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=story, restriction_type=PageViewRestriction.LOGIN)

    assert not Video.objects.public().filter(pk=video.pk).exists()
    assert "Members only" not in client.get("/en/videos/").content.decode()


def test_the_home_page_shows_only_public_videos(client, news_index):
    shown, draft_only = VideoFactory(title="Shown clip"), VideoFactory(title="Draft clip")
    publish(story_showing(shown))
    story_showing(draft_only, live=False)

    html = client.get("/en/").content.decode()

    assert "Shown clip" in html and "Draft clip" not in html
