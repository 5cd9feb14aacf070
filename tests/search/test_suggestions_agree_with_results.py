"""What the header's box suggests, the results page finds for the same words: on SQLite, which
stems nothing ("cable" suggested "Undersea cables" and the results missed it), and on
PostgreSQL, which stems each language (run with DATABASE_URL to check it there)."""

import pytest

from tests.factories import StoryFactory, publish
from tests.search.conftest import processed_video, titles_found

pytestmark = pytest.mark.django_db

TYPED = [
    "cable",
    "undersea cab",
    "Undersea cables",
    "cables under",
    "islands",
    "secretary gen",
    "secretary general",
    "treaty",
    "running",
    "runni",
    "test pat",
]


def suggested_titles(client, language, words):
    found = client.get(f"/{language}/search/suggestions/?q={words}").json()["suggestions"]
    return [suggestion["title"] for suggestion in found]


@pytest.fixture
def stories(news_index, indexed):
    with indexed():
        publish(StoryFactory(title="Undersea cables cut off the islands"))
        publish(StoryFactory(title="Secretary General signs the treaty"))
        publish(StoryFactory(title="Running repairs to the fleet"))
        processed_video(title="Newsroom test pattern")


def test_cable_finds_the_undersea_cables_story_it_suggests(client, stories):
    assert suggested_titles(client, "en", "cable") == ["Undersea cables cut off the islands"]
    assert titles_found(client, "/en/search/?q=cable") == ["Undersea cables cut off the islands"]


@pytest.mark.parametrize("words", TYPED)
def test_every_suggestion_is_among_the_results_for_the_same_words(client, stories, words):
    suggested = suggested_titles(client, "en", words)
    found = titles_found(client, f"/en/search/?q={words}")

    assert set(suggested) <= set(found), (words, suggested, found)


def test_a_word_suggested_nowhere_is_found_nowhere(client, stories):
    assert suggested_titles(client, "en", "volcano") == []
    assert titles_found(client, "/en/search/?q=volcano") == []
