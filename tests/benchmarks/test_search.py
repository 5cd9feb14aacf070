"""The search benchmark, run small on the test database: stories written in bulk are real,
published stories once indexed, and every search it measures answers."""

import pytest

from benchmarks import search as benchmark
from newsroom.models import NewsStoryPage
from tests.search.conftest import hits_of, load_the_demo


@pytest.fixture
def vocabularies(db):
    load_the_demo()
    return benchmark.add_stories(6)


def test_stories_written_in_bulk_are_published_translated_and_found_once_indexed(
    vocabularies, client
):
    english = NewsStoryPage.objects.published().filter(locale__language_code="en")
    french = NewsStoryPage.objects.published().filter(locale__language_code="fr")
    story = english.exclude(standfirst__startswith="In Stockholm").order_by("-pk").first()

    seconds, indexed = benchmark.index_everything()

    assert (english.count(), french.count()) == (4 + 6, 4 + 6)
    assert story.get_translation(french.first().locale).live
    assert client.get(story.url).status_code == 200
    assert seconds > 0 and indexed >= 20
    assert story.title in [hit.title for hit in hits_of(client.get(f"/en/search/?q={story.title}"))]
    assert vocabularies["fr"][:2] == ["gouvernement", "ministre"]


def test_every_search_measured_answers_and_is_timed(vocabularies):
    benchmark.index_everything()
    paths = benchmark.searches_to_measure(vocabularies)
    suggestions = benchmark.suggestions_to_measure()

    timings = benchmark.latencies_ms(paths + suggestions, rounds=1)

    assert len(paths) == 20 and len(timings) == len(paths) + len(suggestions)
    assert all(ms > 0 for ms in timings)
    assert 0 < benchmark.queries_per_search_page() < 20


def test_the_uncached_measure_makes_every_page_of_results_anew(vocabularies, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    benchmark.index_everything()
    path = benchmark.searches_to_measure(vocabularies)[0]
    client.get(path)

    with CaptureQueriesContext(connection) as cached:
        client.get(path)
    with benchmark.results_made_anew(), CaptureQueriesContext(connection) as uncached:
        client.get(path)

    assert len(uncached) > len(cached)


def test_without_postgresql_the_benchmark_says_it_was_skipped(monkeypatch, capsys):
    monkeypatch.delenv("BENCH_POSTGRES_URL", raising=False)
    monkeypatch.setenv("DATABASE_URL", "sqlite:///somewhere.sqlite3")

    benchmark.main()

    assert capsys.readouterr().out.startswith("search: skipped: needs PostgreSQL")


def test_the_throwaway_database_is_named_from_the_server_s_address(monkeypatch):
    monkeypatch.setenv("BENCH_POSTGRES_URL", "postgres://bench@db.example:5432/postgres")

    assert benchmark.postgres_server_url() == "postgres://bench@db.example:5432/postgres"
