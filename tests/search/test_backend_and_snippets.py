"""The pieces under the search page: the backend's ranking budget on PostgreSQL, the check
that every language can be searched, snippets, and the merging of stories and videos."""

import datetime

import pytest
from django.core.checks import Error
from django.test import override_settings

from newsroom.models import NewsStoryPage, Person, PersonMentioned
from search import backend as search_backend_module
from search.backend import search_backend
from search.checks import every_language_has_a_search_configuration
from search.searching import MergedResults, Ranked
from search.snippets import Highlighter
from tests.factories import StoryFactory
from tests.search.conftest import needs_postgresql


@needs_postgresql
def test_only_the_newest_matches_are_ranked_and_older_ones_follow_newest_first(
    news_index, indexed, monkeypatch
):
    monkeypatch.setattr(search_backend_module, "RANKED_AT_MOST", 2)
    with indexed():
        for title in ["Best harbour harbour harbour", "Harbour two", "Harbour three"]:
            StoryFactory(title=title)
        StoryFactory(title="Newest harbour harbour")

    results = search_backend("en").search("harbour", NewsStoryPage.objects.all())

    assert [story.title for story in results[0:4]] == [
        "Newest harbour harbour",
        "Harbour three",
        "Harbour two",
        "Best harbour harbour harbour",
    ]
    assert [story.title for story in results[1:3]] == ["Harbour three", "Harbour two"]
    assert results.count() == 4


def test_every_language_must_have_a_text_search_configuration(settings):
    backends = {"default": {"BACKEND": "search.backend", "SEARCH_CONFIGS": {"en": "english"}}}
    with override_settings(WAGTAILSEARCH_BACKENDS=backends):
        errors = every_language_has_a_search_configuration(None)

    assert [(type(error), error.id) for error in errors] == [(Error, "site_search.E001")]
    assert "'fr'" in errors[0].msg
    assert every_language_has_a_search_configuration(None) == []


@pytest.mark.parametrize(
    ("language", "words", "text", "marked"),
    [
        ("fr", ["ratifications"], "a appelé à une ratification rapide.", ["ratification"]),
        ("fr", ["suede"], "l’adhésion de la Suède à l’OTAN", ["Suède"]),
        ("en", ["running"], "Horses run; the runner runs.", ["run", "runs"]),
        ("en", ["NATO"], "<b>NATO</b> & allies", ["NATO"]),
    ],
)
def test_snippets_mark_the_words_as_the_search_matched_them(language, words, text, marked):
    snippet = Highlighter(words, language).snippet(text)

    assert [part.split("</mark>")[0] for part in snippet.split("<mark>")[1:]] == marked
    assert "<b>" not in snippet


def test_a_long_text_is_cut_around_the_first_match():
    text = " ".join(f"word{number}" for number in range(100)) + " ratification " + "end " * 50

    snippet = Highlighter(["ratification"], "en").snippet(text)

    assert snippet.startswith("… word92 ")
    assert "<mark>ratification</mark>" in snippet
    assert snippet.endswith(" …")


def test_merged_results_read_each_list_only_as_far_as_the_slice_needs():
    class Listed(list):
        sliced_to = []

        def count(self):
            return len(self)

        def __getitem__(self, index):
            Listed.sliced_to.append(index.stop)
            return Listed(super().__getitem__(index))

    stories = Ranked(Listed([9, 7, 5, 3]), to_hit=lambda n: f"story {n}", key=lambda n: n)
    videos = Ranked(Listed([8, 7, 1]), to_hit=lambda n: f"video {n}", key=lambda n: n)
    merged = MergedResults(stories, videos)

    assert merged.count() == 7
    assert merged[0:3] == ["story 9", "video 8", "story 7"]
    assert merged[3:5] == ["video 7", "story 5"]
    assert Listed.sliced_to == [3, 3, 5, 5]


def test_merged_results_read_a_slice_once_when_the_paginator_asks_for_part_of_it_again():
    class Listed(list):
        reads = 0

        def count(self):
            return len(self)

        def __getitem__(self, index):
            Listed.reads += 1
            return Listed(super().__getitem__(index))

    merged = MergedResults(Ranked(Listed([9, 7, 5]), to_hit=str, key=lambda n: n))

    merged.read_ahead(slice(0, 10))
    assert merged[0:3] == ["9", "7", "5"]
    assert Listed.reads == 1
    assert merged[1:3] == ["7", "5"]
    assert Listed.reads == 2


@needs_postgresql
def test_a_page_of_ranked_results_tells_the_count_of_all_without_another_query(
    news_index, indexed, django_assert_num_queries
):
    with indexed():
        for title in ["Harbour one", "Harbour two harbour", "Harbour three", "Quay four"]:
            StoryFactory(title=title)
    results = search_backend("en").search("harbour", NewsStoryPage.objects.all())

    first_two = [story.title for story in results[0:2]]

    with django_assert_num_queries(0):
        assert results.count() == 3
    assert first_two == ["Harbour two harbour", "Harbour three"]
    assert [story.title for story in results[2:10]] == ["Harbour one"]


@needs_postgresql
def test_results_in_date_order_tell_the_count_of_all_and_keep_the_order(
    news_index, indexed, django_assert_num_queries
):
    with indexed():
        for day, title in [(3, "Harbour late"), (1, "Harbour early"), (2, "Harbour middle")]:
            StoryFactory(title=title, date=datetime.date(2024, 1, day))
    stories = NewsStoryPage.objects.order_by("-date")
    results = search_backend("en").search("harbour", stories, order_by_relevance=False)

    page = [story.title for story in results[1:3]]

    with django_assert_num_queries(0):
        assert results.count() == 3
    assert page == ["Harbour middle", "Harbour early"]


@needs_postgresql
def test_a_search_within_ids_finds_only_those_however_deeply_they_are_given(news_index, indexed):
    with indexed():
        kept, other = StoryFactory(title="Harbour kept"), StoryFactory(title="Harbour other")
    ids = NewsStoryPage.objects.filter(pk=kept.pk).values("pk")
    inner = NewsStoryPage.objects.filter(pk__in=ids)
    within = NewsStoryPage.objects.filter(pk__in=inner.values("pk"))

    results = search_backend("en").search("harbour", within)

    assert [story.pk for story in results[0:10]] == [kept.pk]
    assert results.count() == 1
    assert other.pk not in [story.pk for story in results[0:10]]


def test_indexing_reads_each_story_s_people_with_the_stories(news_index, django_assert_num_queries):
    for number in range(3):
        story = StoryFactory(title=f"Story with people {number}")
        story.people_mentioned = [
            PersonMentioned(person=Person.objects.create(name=f"Person {number}"))
        ]
        story.save()

    stories = list(NewsStoryPage.get_indexed_objects())

    with django_assert_num_queries(0):
        people = [story.people_names() for story in stories]
    assert sorted(people) == ["Person 0", "Person 1", "Person 2"]
