"""Readers narrow a search by type, topic and dates, sort it by relevance or date, and page
through it; with filters and no words, they browse what the filters keep."""

import datetime

from django.test import TestCase

from tests.factories import StoryFactory
from tests.search.conftest import hits_of, processed_video


class NarrowingAndOrdering(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.video = processed_video(title="Harbour cranes at work")
        with cls.captureOnCommitCallbacks(execute=True):
            StoryFactory(
                title="Harbour reopens",
                standfirst="The harbour reopened.",
                date=datetime.date(2023, 5, 2),
                topics=["Ports"],
                body=[{"type": "video", "value": {"video": cls.video.pk, "caption": ""}}],
            ).save_revision().publish()
            StoryFactory(
                title="Harbour harbour harbour",
                standfirst="Harbour, harbour and harbour again.",
                date=datetime.date(2021, 1, 10),
                topics=["Weather"],
            ).save_revision().publish()
            StoryFactory(
                title="Storm over the harbour",
                standfirst="A storm.",
                date=datetime.date(2024, 9, 30),
                topics=["Weather"],
            ).save_revision().publish()

    def titles(self, query):
        return [hit.title for hit in hits_of(self.client.get(f"/en/search/?{query}"))]

    def test_stories_and_videos_are_found_together(self):
        self.assertCountEqual(
            self.titles("q=harbour"),
            [
                "Harbour reopens",
                "Harbour harbour harbour",
                "Storm over the harbour",
                "Harbour cranes at work",
            ],
        )

    def test_the_best_match_comes_first(self):
        self.assertEqual(self.titles("q=harbour")[0], "Harbour harbour harbour")

    def test_newest_first(self):
        self.assertEqual(
            self.titles("q=harbour&sort=date&kind=story"),
            ["Storm over the harbour", "Harbour reopens", "Harbour harbour harbour"],
        )

    def test_by_type(self):
        self.assertEqual(self.titles("q=harbour&kind=video"), ["Harbour cranes at work"])
        self.assertNotIn("Harbour cranes at work", self.titles("q=harbour&kind=story"))

    def test_by_topic_a_video_follows_the_stories_that_show_it(self):
        self.assertCountEqual(
            self.titles("q=harbour&topic=ports"), ["Harbour reopens", "Harbour cranes at work"]
        )
        self.assertEqual(self.titles("q=harbour&topic=weather&kind=video"), [])

    def test_by_dates(self):
        self.assertEqual(
            self.titles("q=harbour&kind=story&date_from=2023-01-01&date_to=2023-12-31"),
            ["Harbour reopens"],
        )
        self.assertEqual(
            self.titles("q=harbour&kind=story&date_from=2024-01-01"), ["Storm over the harbour"]
        )

    def test_filters_without_words_list_what_they_keep_newest_first(self):
        self.assertEqual(
            self.titles("topic=weather"), ["Storm over the harbour", "Harbour harbour harbour"]
        )

    def test_the_topic_filter_offers_the_topics_of_published_stories(self):
        topics = self.client.get("/en/search/").context["topics"]

        self.assertEqual(topics, [("ports", "Ports"), ("weather", "Weather")])

    def test_nothing_found_gets_a_friendly_page(self):
        response = self.client.get("/en/search/?q=volcano&kind=story")

        self.assertContains(response, "Nothing found for “volcano”")
        self.assertContains(response, "search again without the filters")
        self.assertContains(response, 'href="/en/"')

    def test_a_reader_pages_through_the_results_with_the_search_kept(self):
        with self.captureOnCommitCallbacks(execute=True):
            for number in range(12):
                StoryFactory(title=f"Harbour log {number}", topics=["Ports"])

        first = self.client.get("/en/search/?q=harbour&topic=ports")
        last = self.client.get("/en/search/?q=harbour&topic=ports&page=2")

        self.assertEqual(first.context["results"].total, 14)
        self.assertEqual((len(hits_of(first)), len(hits_of(last))), (10, 4))
        self.assertContains(first, 'href="?q=harbour&amp;topic=ports&amp;page=2"')
        self.assertEqual(set(map(str, hits_of(first))) & set(map(str, hits_of(last))), set())
