"""An embargoed story leaks nowhere before its minute, and appears everywhere at it."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from newsletters.models import NewsletterIssue
from newsroom.tasks import publish_scheduled_pages
from tests.factories import NewsletterIssueFactory, StoryFactory, VideoFactory

GO_LIVE = datetime.datetime(2030, 1, 15, 9, 0, tzinfo=datetime.UTC)
TITLE = "Embargoed accession story"

pytestmark = pytest.mark.django_db


@pytest.fixture
def embargoed(news_index, home):
    with time_machine.travel(GO_LIVE - datetime.timedelta(hours=2), tick=False):
        video = VideoFactory(title="Embargoed footage")
        story = StoryFactory(
            title=TITLE,
            live=False,
            body=[{"type": "video", "value": {"video": video.pk, "caption": ""}}],
        )
        story.go_live_at = GO_LIVE
        story.save_revision().publish()
    return story, video


@pytest.fixture
def newsletter(db):
    """A draft issue of "the stories published since the last issue"."""
    return NewsletterIssueFactory(story_selection=NewsletterIssue.StorySelection.SINCE_LAST_ISSUE)


def channels(client, story, video, newsletter):
    """What each public channel shows of the story and its video, by name."""
    download = client.get(reverse("video_download", args=[video.pk]))
    return {
        "home page": TITLE in client.get("/en/").content.decode(),
        "news index": TITLE in client.get("/en/news/").content.decode(),
        "story page": client.get(f"/en/news/{story.slug}/").status_code == 200,
        "RSS feed": TITLE in client.get("/en/feeds/rss/").content.decode(),
        "Atom feed": TITLE in client.get("/en/feeds/atom/").content.decode(),
        "sitemap": story.slug in client.get("/sitemap.xml").content.decode(),
        "video library": "Embargoed footage" in client.get("/en/videos/").content.decode(),
        "video page": client.get(f"/en/videos/{video.pk}/").status_code == 200,
        "video download": download.status_code != 404,
        "search": TITLE in client.get("/en/search/", {"q": "accession"}).content.decode(),
        "newsletter": story.pk in [s.pk for s in newsletter.stories()],
    }


def test_before_its_minute_the_story_and_its_video_are_nowhere(client, embargoed, newsletter):
    story, video = embargoed

    with time_machine.travel(GO_LIVE - datetime.timedelta(minutes=1), tick=False):
        publish_scheduled_pages()
        shown = channels(client, story, video, newsletter)

    assert not any(shown.values()), {name for name, seen in shown.items() if seen}


def test_at_its_minute_everything_shows_it_together(
    client, embargoed, newsletter, django_capture_on_commit_callbacks
):
    story, video = embargoed

    with time_machine.travel(GO_LIVE + datetime.timedelta(seconds=30), tick=False):
        # Going live commits, and the search index is updated by a task run at commit.
        with django_capture_on_commit_callbacks(execute=True):
            publish_scheduled_pages()
        shown = channels(client, story, video, newsletter)

    assert all(shown.values()), {name for name, seen in shown.items() if not seen}
