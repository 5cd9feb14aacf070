"""wagtail-localize's background jobs reach the Celery workers as JSON, never pickled."""

import json
from unittest import mock

import pytest
from django.conf import settings
from wagtail.models import Locale, Page
from wagtail_localize.components import TranslationComponentManager

from cms.localize_jobs import CeleryJobBackend, from_reference, to_reference
from tests.conftest import needs_broker, wait_for

RETITLED = "Retitled by a background job"


def retitle_page(page, locales, components):
    """A stand-in job with the same kinds of arguments as wagtail-localize's own."""
    assert [locale.language_code for locale in locales] == ["fr"]
    assert isinstance(components, TranslationComponentManager)
    Page.objects.filter(pk=page.pk).update(title=RETITLED)


@pytest.mark.django_db
def test_arguments_travel_as_json_references_and_come_back_as_objects(home):
    arguments = [home, [Locale.objects.get(language_code="fr")], TranslationComponentManager([])]

    references = json.loads(json.dumps([to_reference(argument) for argument in arguments]))
    page, locales, components = (from_reference(reference) for reference in references)

    assert page == home
    assert locales == [Locale.objects.get(language_code="fr")]
    assert components.components == []


@pytest.mark.django_db
def test_a_job_whose_arguments_cannot_travel_runs_in_process(home):
    job = mock.Mock(__module__="tests", __qualname__="job")

    CeleryJobBackend({}).enqueue(job, [home, object()], {})

    job.assert_called_once()


@needs_broker
@pytest.mark.integration
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_worker_runs_a_localize_job(celery_worker, home):
    french = [Locale.objects.get(language_code="fr")]

    CeleryJobBackend({}).enqueue(retitle_page, [home, french, TranslationComponentManager([])], {})

    assert wait_for(lambda: Page.objects.get(pk=home.pk).title == RETITLED)


def test_production_sends_localize_jobs_to_celery_when_a_broker_is_set():
    expected = "cms.localize_jobs.CeleryJobBackend" if settings.CELERY_BROKER_URL else None
    backend = settings.WAGTAILLOCALIZE_JOBS["BACKEND"]
    assert backend == (expected or "wagtail_localize.tasks.ImmediateBackend")
