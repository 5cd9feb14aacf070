from unittest import mock

import pytest
from django.db import connection

needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="stemming is PostgreSQL's: SQLite's full-text search folds accents but stems nothing",
)


def hits_of(response):
    """The results a search page shows, promoted first, in order."""
    assert response.status_code == 200
    return list(response.context.get("results", []))


def titles_found(client, path):
    return [hit.title for hit in hits_of(client.get(path))]


@pytest.fixture
def indexed(django_capture_on_commit_callbacks):
    """Runs what is deferred to the end of the transaction at the end of the block, as it
    would run after each request: with a broker, that is when the search index is updated."""

    def run_deferred_work():
        return django_capture_on_commit_callbacks(execute=True)

    return run_deferred_work


def load_the_demo():
    """The demo content, with what each of the loader's transactions defers to its commit run
    at once, as it runs when the loader commits: publishing each translation and indexing each
    page. (Deferring it all to the end of the test's transaction would publish the French home
    page from a copy that predates its children.)"""
    from home.demo.loader import load_demo_content

    def run_at_once(func, using=None, robust=False):
        func()

    with mock.patch("django.db.transaction.on_commit", run_at_once):
        load_demo_content(log=lambda *args: None)


def processed_video(**fields):
    """A video as processing leaves it, in the search index. (Its stand-in master is no real
    video: running the processing that saving it queues would mark it failed.)"""
    from wagtail.search import index

    from tests.factories import VideoFactory

    video = VideoFactory(**fields)
    index.insert_or_update_object(video)
    return video
