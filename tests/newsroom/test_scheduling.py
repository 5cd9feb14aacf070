"""Editors schedule stories; the scheduler publishes them at their time and not before."""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from newsroom.models import NewsStoryPage
from newsroom.tasks import publish_scheduled_pages
from tests.factories import StoryFactory

GO_LIVE = datetime.datetime(2030, 1, 15, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def scheduled_story(news_index):
    with time_machine.travel(GO_LIVE - datetime.timedelta(hours=2), tick=False):
        story = StoryFactory(title="Embargoed story", live=False)
        story.go_live_at = GO_LIVE
        story.save_revision().publish()
    return NewsStoryPage.objects.get(pk=story.pk)


def test_a_scheduled_story_is_not_live_before_its_time(scheduled_story, client):
    with time_machine.travel(GO_LIVE - datetime.timedelta(minutes=1), tick=False):
        publish_scheduled_pages()
        story = NewsStoryPage.objects.get(pk=scheduled_story.pk)
        assert not story.live
        assert story not in NewsStoryPage.objects.published()
        assert client.get("/en/news/embargoed-story/").status_code == 404


def test_a_scheduled_story_is_live_after_the_scheduler_tick(scheduled_story, client):
    with time_machine.travel(GO_LIVE + datetime.timedelta(seconds=30), tick=False):
        publish_scheduled_pages()
        story = NewsStoryPage.objects.get(pk=scheduled_story.pk)
        assert story.live
        assert story in NewsStoryPage.objects.published()
        assert client.get("/en/news/embargoed-story/").status_code == 200


def test_the_embedded_scheduler_command_publishes_due_stories(scheduled_story):
    with time_machine.travel(GO_LIVE + datetime.timedelta(minutes=1), tick=False):
        call_command("run_scheduler", "--once", verbosity=0)
    assert NewsStoryPage.objects.get(pk=scheduled_story.pk).live


def test_an_expired_story_leaves_the_site(news_index, client):
    story = StoryFactory(title="Short-lived story")
    story.expire_at = timezone.now() + datetime.timedelta(minutes=5)
    story.save_revision().publish()
    assert client.get(story.url).status_code == 200

    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=6), tick=False):
        publish_scheduled_pages()
        assert client.get("/en/news/short-lived-story/").status_code == 404
