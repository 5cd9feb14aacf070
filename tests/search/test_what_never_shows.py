"""Nothing the public may not see is ever found: not a draft, nor the draft of a published
story, nor an embargoed, expired, unpublished or view-restricted story, nor a video shown only
on such a story. The index follows publishing through background tasks."""

import datetime

import pytest
import time_machine
from django.test import override_settings
from django.utils import timezone
from django_tasks import task_backends
from wagtail.models import PageViewRestriction
from wagtail.search.tasks import insert_or_update_object_task

from newsroom.tasks import publish_scheduled_pages
from tests.conftest import needs_broker, wait_for
from tests.factories import StoryFactory
from tests.search.conftest import processed_video, titles_found

GO_LIVE = datetime.datetime(2030, 1, 15, 9, 0, tzinfo=datetime.UTC)


def suggested_titles(client, words):
    found = client.get(f"/en/search/suggestions/?q={words}").json()["suggestions"]
    return [suggestion["title"] for suggestion in found]


@pytest.fixture
def published_story(news_index, indexed):
    with indexed():
        story = StoryFactory(title="Wombat treaty signed")
        story.save_revision().publish()
    return story


def test_a_story_never_published_is_never_found(news_index, indexed, client):
    with indexed():
        StoryFactory(title="Quokka draft", live=False)

    assert titles_found(client, "/en/search/?q=quokka") == []
    assert suggested_titles(client, "quok") == []


def test_the_draft_of_a_published_story_is_found_only_once_published(
    published_story, indexed, client
):
    with indexed():
        published_story.standfirst = "The numbat clause was added."
        published_story.save_revision()

    assert titles_found(client, "/en/search/?q=numbat") == []
    assert titles_found(client, "/en/search/?q=wombat") == ["Wombat treaty signed"]

    with indexed():
        published_story.get_latest_revision().publish()

    assert titles_found(client, "/en/search/?q=numbat") == ["Wombat treaty signed"]


def test_an_embargoed_story_is_found_only_from_its_time(news_index, indexed, client):
    with time_machine.travel(GO_LIVE - datetime.timedelta(hours=2), tick=False), indexed():
        story = StoryFactory(title="Embargoed wombat census", live=False)
        story.go_live_at = GO_LIVE
        story.save_revision().publish()

    with time_machine.travel(GO_LIVE - datetime.timedelta(minutes=1), tick=False), indexed():
        publish_scheduled_pages()
        assert titles_found(client, "/en/search/?q=census") == []
        assert suggested_titles(client, "embargoed") == []

    with time_machine.travel(GO_LIVE + datetime.timedelta(seconds=30), tick=False), indexed():
        publish_scheduled_pages()
        assert titles_found(client, "/en/search/?q=census") == ["Embargoed wombat census"]


def test_an_expired_story_is_no_longer_found(news_index, indexed, client):
    with indexed():
        story = StoryFactory(title="Short-lived wombat")
        story.expire_at = timezone.now() + datetime.timedelta(minutes=5)
        story.save_revision().publish()
    assert titles_found(client, "/en/search/?q=wombat") == ["Short-lived wombat"]

    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=6)), indexed():
        publish_scheduled_pages()
        assert titles_found(client, "/en/search/?q=wombat") == []


def test_an_unpublished_story_is_no_longer_found(published_story, indexed, client):
    with indexed():
        published_story.unpublish()

    assert titles_found(client, "/en/search/?q=wombat") == []
    assert suggested_titles(client, "wombat") == []


@pytest.mark.parametrize("restricted", ["story", "news index"])
def test_a_story_behind_a_view_restriction_is_not_found(
    published_story, news_index, indexed, client, restricted
):
    page = published_story if restricted == "story" else news_index
    with indexed():
        PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret"
        )

    assert titles_found(client, "/en/search/?q=wombat") == []
    assert suggested_titles(client, "wombat") == []


def test_a_video_shown_only_on_a_draft_story_is_found_once_the_story_is_published(
    news_index, indexed, client
):
    video = processed_video(title="Wombat burrow footage")
    with indexed():
        story = StoryFactory(
            title="Burrows", body=[{"type": "video", "value": {"video": video.pk, "caption": ""}}]
        )
        story.save_revision()

    assert titles_found(client, "/en/search/?q=burrow footage") == []

    with indexed():
        story.save_revision().publish()

    assert titles_found(client, "/en/search/?q=burrow footage") == ["Wombat burrow footage"]


@override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}})
def test_publishing_queues_the_index_update_as_a_background_task(news_index, client, settings):
    story = StoryFactory(title="Queued wombat", live=False)
    queued = task_backends["default"].results
    queued.clear()

    story.save_revision().publish()

    updates = [result for result in queued if result.task == insert_or_update_object_task]
    assert ["newsroom", "newsstorypage", str(story.pk)] in [list(u.args) for u in updates]
    assert titles_found(client, "/en/search/?q=queued") == []

    for update in updates:
        update.task.call(*update.args, **update.kwargs)
    # The page of results seen before the index was updated is kept for at most a minute.
    kept = datetime.timedelta(seconds=settings.SEARCH_RESULTS_KEPT_SECONDS)
    with time_machine.travel(timezone.now() + kept):
        assert titles_found(client, "/en/search/?q=queued") == ["Queued wombat"]


@needs_broker
@pytest.mark.integration
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_celery_worker_indexes_what_is_published_and_the_search_page_finds_it(
    celery_worker, news_index, client, settings
):
    settings.SEARCH_RESULTS_KEPT_SECONDS = 0
    story = StoryFactory(title="Okapi treaty signed", live=False)

    story.save_revision().publish()

    assert wait_for(lambda: titles_found(client, "/en/search/?q=okapi") == ["Okapi treaty signed"])
    story.refresh_from_db()
    story.unpublish()
    assert titles_found(client, "/en/search/?q=okapi") == []
