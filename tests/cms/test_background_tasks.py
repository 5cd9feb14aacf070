"""Background work: in the embedded mode it runs at once; with a broker, on Celery workers.

The integration tests start a real Celery worker (celery.contrib.testing) against Redis.
They run when CELERY_BROKER_URL is set, as in CI's PostgreSQL and Redis stage.
"""

import datetime
import time

import pytest
from django.utils import timezone
from django_tasks import task_backends

from cms.settings import base
from cms.task_backends import CeleryTaskBackend
from newsroom.models import NewsStoryPage
from newsroom.tasks import publish_scheduled_pages
from tests.conftest import needs_broker, wait_for
from tests.factories import StoryFactory


def test_without_a_broker_tasks_run_in_process(settings):
    if settings.CELERY_BROKER_URL:
        pytest.skip("a broker is configured")
    assert base.CELERY_TASK_ALWAYS_EAGER
    assert settings.TASKS["default"]["BACKEND"].endswith("ImmediateBackend")


@needs_broker
def test_with_a_broker_tasks_go_to_celery():
    assert isinstance(task_backends["default"], CeleryTaskBackend)
    assert not base.CELERY_TASK_ALWAYS_EAGER


@needs_broker
@pytest.mark.integration
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_worker_indexes_a_published_story_for_search(celery_worker, news_index):
    story = StoryFactory(title="Zanzibar accession talks")
    story.save_revision().publish()

    def indexed():
        return NewsStoryPage.objects.live().search("Zanzibar").count() == 1

    assert wait_for(indexed), "the Celery worker did not index the story"


@needs_broker
@pytest.mark.integration
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_worker_publishes_a_scheduled_story(celery_worker, news_index):
    story = StoryFactory(title="Scheduled on the worker", live=False)
    story.go_live_at = timezone.now() + datetime.timedelta(seconds=1)
    story.save_revision().publish()
    assert not NewsStoryPage.objects.get(pk=story.pk).live
    time.sleep(1.2)

    publish_scheduled_pages.delay()

    assert wait_for(lambda: NewsStoryPage.objects.get(pk=story.pk).live)
