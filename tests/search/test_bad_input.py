"""Whatever is typed into the search box or the address bar, the reader gets a normal page,
never a 500, and nothing they typed is run or shown unescaped."""

from urllib.parse import quote

from django.test import TestCase

from tests.factories import StoryFactory
from tests.search.conftest import hits_of

ODD_QUERIES = {
    "empty q": "q=",
    "only spaces": "q=%20%20%20",
    "10,000 characters": "q=" + "ratification " * 770,
    "one 10,000-character word": "q=" + "a" * 10_000,
    "quotes": 'q="Sweden accession',
    "single quote": "q=Sweden's%20'accession",
    "boolean operators": "q=Sweden%20AND%20NOT%20(accession%20OR%20*)",
    "tsquery syntax": "q=sweden:*%20%26%20!accession%20|%20<->",
    "FTS5 syntax": "q=NEAR(sweden%20accession)%20title:sweden%20^sweden",
    "SQL": "q=%27%3B%20DROP%20TABLE%20wagtailcore_page%3B%20--",
    "script": "q=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "emoji": "q=%F0%9F%87%B8%F0%9F%87%AA%20%F0%9F%98%80",
    "right-to-left": "q=" + quote("السويد שוודיה"),
    "control characters": "q=sweden%00%01%1b%7f",
    "percent and underscore": "q=%25_%25",
    "backslashes": "q=%5C%5C%5Csweden%5C",
    "repeated q": "q=sweden&q=accession",
    "page not a number": "q=sweden&page=abc",
    "page out of range": "q=sweden&page=99999",
    "page negative": "q=sweden&page=-1",
    "page huge": "q=sweden&page=1e9",
    "page past any database integer": "q=sweden&page=922337203685477581",
    "page past SQLite's integers": "q=sweden&page=99999999999999999999999",
    "malformed date": "q=sweden&date_from=2023-13-45&date_to=yesterday",
    "dates out of any range": "q=sweden&date_from=99999-01-01&date_to=0000-00-00",
    "dates reversed": "q=sweden&date_from=2024-01-01&date_to=2023-01-01",
    "unknown type": "q=sweden&kind=podcast",
    "unknown sort": "q=sweden&sort=random",
    "topic with markup": "q=sweden&topic=%3Cb%3Ex%3C%2Fb%3E",
    "filters without words": "kind=video&sort=date",
}


class OddSearches(TestCase):
    @classmethod
    def setUpTestData(cls):
        with cls.captureOnCommitCallbacks(execute=True):
            for number in range(12):
                StoryFactory(title=f"Sweden accession story {number}", topics=["Sweden"])

    def test_every_odd_search_gets_a_normal_page(self):
        for name, query in ODD_QUERIES.items():
            for language in ("en", "fr"):
                with self.subTest(name, language=language):
                    response = self.client.get(f"/{language}/search/?{query}")
                    self.assertEqual(response.status_code, 200)
                    self.assertNotContains(response, "<script>alert(1)</script>")
                    self.assertNotContains(response, "<b>x</b>")

    def test_every_odd_query_gets_suggestions_or_none_as_json(self):
        for name, query in ODD_QUERIES.items():
            with self.subTest(name):
                response = self.client.get(f"/en/search/suggestions/?{query}")
                self.assertEqual(response.status_code, 200)
                self.assertIsInstance(response.json()["suggestions"], list)

    def test_a_long_search_is_shortened_and_the_reader_told(self):
        response = self.client.get("/en/search/?" + ODD_QUERIES["10,000 characters"])

        self.assertContains(response, "only its beginning was searched for")
        self.assertLessEqual(len(response.context["criteria"].text), 200)

    def test_filters_that_are_not_understood_are_ignored_and_the_reader_told(self):
        response = self.client.get("/en/search/?" + ODD_QUERIES["malformed date"])

        self.assertContains(response, "Some filters were not understood")
        self.assertEqual(len(hits_of(response)), 10)

    def test_reversed_dates_are_read_the_right_way_round(self):
        response = self.client.get("/en/search/?q=sweden&date_from=2024-01-01&date_to=2023-01-01")

        self.assertNotContains(response, "Some filters were not understood")
        self.assertEqual(response.context["results"].total, 12)

    def test_a_page_past_the_end_shows_the_last_page(self):
        results = self.client.get("/en/search/?q=sweden&page=99999").context["results"]

        self.assertEqual((results.number, results.num_pages), (2, 2))
        self.assertEqual(len(results), 2)

    def test_a_search_with_no_words_says_so(self):
        response = self.client.get("/en/search/?" + ODD_QUERIES["emoji"])

        self.assertContains(response, "has no words to search for")

    def test_the_search_page_only_answers_get(self):
        self.assertEqual(self.client.post("/en/search/", {"q": "sweden"}).status_code, 405)
