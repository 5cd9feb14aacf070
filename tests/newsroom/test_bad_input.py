"""Whatever a visitor types into the address bar, they get a proper page, never a 500."""

from django.template.loader import render_to_string
from django.test import TestCase
from django.utils import translation

from tests.factories import StoryFactory, publish

ODD_LIST_QUERIES = [
    "page=abc",
    "page=99999",
    "page=-1",
    "page=",
    "page=1e9",
    "topic=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "topic=does-not-exist",
    "topic=" + "x" * 5000,
    "year=abc&month=13",
    "year=99999999999999999999",
    "month=0",
    "topic=sweden&year=2023&month=10&page=2",
]

ODD_PATHS = [
    "/en/no-such-page/",
    "/en/news/no-such-story/",
    "/en/news/%F0%9F%98%80/",
    "/en/news/%00/",
    "/en/news/..%2F..%2Fetc%2Fpasswd/",
    "/en/news/" + "a" * 3000 + "/",
    "/en/news/story-0/extra/",
]


class BadInputTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        for number in range(11):
            publish(StoryFactory(title=f"Story {number}", topics=["Sweden"]))
        publish(StoryFactory(title="Other story", topics=["Ukraine"]))

    def test_odd_list_queries_get_a_sensible_page(self):
        for query in ODD_LIST_QUERIES:
            with self.subTest(query=query[:40]):
                response = self.client.get(f"/en/news/?{query}")
                self.assertEqual(response.status_code, 200)
                self.assertNotContains(response, "<script>alert(1)</script>")

    def test_a_page_past_the_end_shows_the_last_page(self):
        stories = self.client.get("/en/news/?page=99999").context["stories"]
        self.assertEqual(stories.number, stories.paginator.num_pages)
        self.assertEqual(stories.paginator.num_pages, 2)

    def test_an_unknown_topic_says_nothing_matches(self):
        response = self.client.get("/en/news/?topic=does-not-exist")
        self.assertContains(response, "No stories match these filters yet.")

    def test_an_invalid_filter_is_ignored_and_the_reader_is_told(self):
        response = self.client.get("/en/news/?year=abc")
        self.assertEqual(len(response.context["stories"]), 10)
        self.assertContains(response, "Some filters were not understood")

    def test_filters_narrow_the_list(self):
        response = self.client.get("/en/news/?topic=ukraine&year=2023&month=10")
        self.assertEqual([story.title for story in response.context["stories"]], ["Other story"])

    def test_pagination_links_keep_the_filters(self):
        response = self.client.get("/en/news/?topic=sweden")
        self.assertContains(response, 'href="?topic=sweden&amp;page=2"')

    def test_unknown_urls_get_the_styled_404(self):
        for path in ODD_PATHS:
            with self.subTest(path=path[:40]):
                response = self.client.get(path)
                self.assertEqual(response.status_code, 404)
                self.assertContains(response, "Page not found", status_code=404)

    def test_an_unsupported_language_prefix_gets_a_404_in_the_default_language(self):
        response = self.client.get("/de/news/", HTTP_ACCEPT_LANGUAGE="de", follow=True)
        self.assertEqual(response.status_code, 404)
        self.assertContains(response, '<html lang="en">', status_code=404)
        self.assertContains(response, "Page not found", status_code=404)

    def test_the_root_sends_visitors_to_their_language(self):
        self.assertEqual(self.client.get("/").headers["Location"], "/en/")
        french = self.client.get("/", HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9")
        self.assertEqual(french.headers["Location"], "/fr/")
        garbage = self.client.get("/", HTTP_ACCEPT_LANGUAGE="§§§ garbage ;;q=x")
        self.assertEqual(garbage.headers["Location"], "/en/")


def test_the_500_page_renders_without_a_request_context():
    with translation.override("en"):
        assert "Something went wrong" in render_to_string("500.html")
    with translation.override("fr"):
        assert '<html lang="fr">' in render_to_string("500.html")
