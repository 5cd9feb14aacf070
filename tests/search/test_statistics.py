"""Searches are counted with Wagtail's search statistics, the ones that found nothing as well,
and administrators read both in reports: popular searches and searches with no result."""

import datetime

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.urls import reverse
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

from search.models import QueryDailyMisses, forget_old_search_statistics, record_search
from tests.admin_login import sign_in_to_admin
from tests.factories import StoryFactory, UserFactory


def searches_of(words):
    query = Query.objects.filter(query_string=words).first()
    if query is None:
        return 0, 0
    misses = sum(query.daily_misses.values_list("misses", flat=True))
    return query.hits, misses


@pytest.fixture
def story(news_index, indexed):
    with indexed():
        story = StoryFactory(title="Wombat treaty signed")
        story.save_revision().publish()
    return story


def test_each_search_is_counted_and_those_that_found_nothing_as_misses(story, client):
    client.get("/en/search/?q=Wombat")
    client.get("/fr/search/?q=wombat")
    client.get("/en/search/?q=platypus")

    assert searches_of("wombat") == (2, 1)
    assert searches_of("platypus") == (1, 1)


def test_further_pages_filters_alone_and_suggestions_are_not_counted(story, client):
    client.get("/en/search/?q=wombat&page=2")
    client.get("/en/search/?kind=story")
    client.get("/en/search/?q=")
    client.get("/en/search/suggestions/?q=wombat")

    assert searches_of("wombat") == (1, 0)
    assert Query.objects.count() == 1


def test_statistics_older_than_their_max_age_are_forgotten(db, settings):
    settings.WAGTAILSEARCH_HITS_MAX_AGE = 30
    with time_machine.travel(datetime.datetime(2030, 1, 1, 12, tzinfo=datetime.UTC)):
        record_search("platypus", found=False)
    with time_machine.travel(datetime.datetime(2030, 1, 25, 12, tzinfo=datetime.UTC)):
        record_search("wombat", found=False)

    with time_machine.travel(datetime.datetime(2030, 2, 10, 12, tzinfo=datetime.UTC)):
        forget_old_search_statistics()

    assert list(Query.objects.values_list("query_string", flat=True)) == ["wombat"]
    assert QueryDailyHits.objects.count() == QueryDailyMisses.objects.count() == 1


@pytest.fixture
def administrator(db, client):
    admin = UserFactory(email="admin@example.org", is_superuser=True, is_staff=True)
    sign_in_to_admin(client, admin)
    return client


def test_the_admin_reports_popular_searches_and_searches_with_no_result(administrator):
    for words, found, times in [("wombat", True, 3), ("platypus", False, 2), ("emu", False, 1)]:
        for _ in range(times):
            record_search(words, found=found)

    popular = administrator.get(reverse("wagtailsearchpromotions:search_terms"))
    no_result = administrator.get(reverse("search_no_result_report"))
    dashboard = administrator.get(reverse("wagtailadmin_home"))

    assert [query.query_string for query in popular.context["object_list"]][:1] == ["wombat"]
    rows = [(q.query_string, q._misses, q._hits) for q in no_result.context["object_list"]]
    assert rows == [("platypus", 2, 2), ("emu", 1, 1)]
    assert "Searches with no result" in dashboard.content.decode()


def test_the_report_counts_within_the_dates_asked_for(administrator):
    for day in (1, 2, 3):
        with time_machine.travel(datetime.datetime(2030, 1, day, 12, tzinfo=datetime.UTC)):
            record_search("platypus", found=False)

    response = administrator.get(
        reverse("search_no_result_report"),
        {"date_from": "2030-01-02", "date_to": "2030-01-03"},
    )

    rows = [(q.query_string, q._misses) for q in response.context["object_list"]]
    assert rows == [("platypus", 2)]


def test_the_report_exports_as_csv(administrator):
    record_search("platypus", found=False)

    response = administrator.get(reverse("search_no_result_report") + "?export=csv")

    assert response.status_code == 200
    assert b"platypus,1,1" in b"".join(response.streaming_content)


def test_only_administrators_read_the_report(db, client):
    editor = UserFactory(email="editor@example.org")
    editor.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    sign_in_to_admin(client, editor)

    response = client.get(reverse("search_no_result_report"))

    assert response.status_code in (302, 403)


@pytest.fixture
def broker_away():
    """Celery publishing to a Redis that is not there (port 1 refuses at once), as while the
    broker restarts; the app's connection pools are made again for it, and after it."""
    from cms.celery import app

    def renew_pools():
        app._pool = None
        app.amqp._producer_pool = None

    saved = app.conf.task_always_eager, app.conf.broker_url
    app.conf.task_always_eager, app.conf.broker_url = False, "redis://127.0.0.1:1/0"
    renew_pools()
    try:
        yield
    finally:
        app.conf.task_always_eager, app.conf.broker_url = saved
        renew_pools()


def test_a_search_is_answered_while_the_broker_is_away(story, client, broker_away):
    response = client.get("/en/search/?q=wombat")

    assert response.status_code == 200
    assert "Wombat treaty signed" in response.content.decode()
    assert searches_of("wombat") == (0, 0)
