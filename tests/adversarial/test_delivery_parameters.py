"""What newsrooms' systems may send the delivery addresses: every nasty value the fuzz knows in
every parameter of every listing, bad pages, limits, dates, unknown filters and ids of nothing.
Each answer is JSON, 400 for what cannot be used and 404 for no item, never a 500."""

from django.test import Client, TestCase

from tests.factories import StoryFactory, VideoFactory, publish

from .doors import NASTY_TEXT

NINJS_LISTINGS = ["/en/api/ninjs/stories/", "/fr/api/ninjs/videos/"]
API_LISTINGS = ["/api/v2/pages/", "/api/v2/videos/"]
PARAMETERS = ["page", "limit", "topic", "person", "updated_since"]


class BadParametersGetJsonAnswers(TestCase):
    @classmethod
    def setUpTestData(cls):
        video = VideoFactory()
        body = [{"type": "video", "value": {"video": video.pk, "caption": ""}}]
        cls.story = publish(StoryFactory(body=body, topics=["Sweden"]))

    def setUp(self):
        self.client = Client(raise_request_exception=False)

    def assert_json(self, response, statuses):
        self.assertIn(response.status_code, statuses, response.content[:500])
        self.assertIn("application/json", response["Content-Type"])
        return response.json()

    def test_every_nasty_value_in_every_parameter_is_used_or_refused_with_400(self):
        for url in NINJS_LISTINGS:
            for name in PARAMETERS:
                for value in NASTY_TEXT:
                    with self.subTest(url=url, name=name, value=value[:40]):
                        response = self.client.get(url, {name: value})
                        body = self.assert_json(response, (200, 400))
                        if response.status_code == 400:
                            self.assertTrue(body["message"])

    def test_every_nasty_value_in_every_api_parameter_is_used_or_refused_with_400(self):
        parameters = {
            "/api/v2/pages/": [
                "limit",
                "offset",
                "fields",
                "order",
                "search",
                "type",
                "child_of",
                "descendant_of",
                "ancestor_of",
                "translation_of",
                "locale",
                "site",
            ],
            "/api/v2/videos/": ["limit", "offset", "fields"],
        }
        for url, names in parameters.items():
            for name in names:
                for value in NASTY_TEXT:
                    with self.subTest(url=url, name=name, value=value[:40]):
                        self.assert_json(self.client.get(url, {name: value}), (200, 400, 404))

    def test_bad_pages_limits_dates_and_filters_are_named_in_the_error(self):
        refused = {
            "page": ["0", "-1", "two", "2", "9" * 40],
            "limit": ["0", "101", "ten", "1e3"],
            "updated_since": [
                "yesterday",
                "2024-02-30",
                "2024-02-30T25:61:61",
                "0001-01-01T00:00:00+14:00",
            ],
            "topic": ["no-such-topic", "a b"],
            "person": ["999999", "9223372036854775808", "someone"],
            "colour": ["blue"],
        }
        for name, values in refused.items():
            for value in values:
                with self.subTest(name=name, value=value):
                    body = self.assert_json(
                        self.client.get(NINJS_LISTINGS[0], {name: value}), (400,)
                    )
                    self.assertIn(name if name != "colour" else "parameters", body["errors"])

    def test_a_parameter_given_twice_is_refused(self):
        body = self.assert_json(self.client.get(f"{NINJS_LISTINGS[0]}?limit=1&limit=2"), (400,))

        self.assertIn("limit", body["errors"])

    def test_a_message_is_in_the_readers_language(self):
        body = self.assert_json(self.client.get("/fr/api/ninjs/stories/?page=0"), (400,))

        self.assertIn("Assurez-vous", body["errors"]["page"][0])

    def test_ids_of_nothing_are_not_found(self):
        for url in (
            "/en/api/ninjs/stories/0/",
            "/en/api/ninjs/stories/999999/",
            f"/en/api/ninjs/stories/{'9' * 30}/",
            f"/en/api/ninjs/videos/{'9' * 30}/",
            f"/en/api/newsml/stories/{'9' * 30}/",
            f"/en/api/newsml/stories/{self.story.pk}/package/",
            f"/en/api/newsml/videos/{'9' * 30}/",
            f"/api/v2/pages/{'9' * 30}/",
            f"/api/v2/videos/{'9' * 30}/",
            "/api/v2/pages/find/?id=abc",
            "/api/v2/videos/find/?id=abc",
            f"/api/v2/pages/find/?id={'9' * 30}",
            "/api/v2/pages/find/?html_path=%00/../..",
        ):
            with self.subTest(url):
                self.assert_json(self.client.get(url), (404,))

    def test_the_apis_bad_parameters_are_refused_with_400(self):
        for url in API_LISTINGS:
            for query in (
                {"limit": "abc"},
                {"limit": "101"},
                {"offset": "-1"},
                {"offset": "9" * 40},
                {"offset": "922337203685477581"},
                {"colour": "blue"},
                {"order": "nonsense"},
                {"fields": "nonsense"},
                {"type": "nonsense"},
                {"type": "home.Nothing"},
                {"child_of": "abc"},
                {"locale": "xx"},
                {"search": "a", "search_operator": "nonsense"},
                {"search": "sweden"},
                {"site": "attacker.example"},
            ):
                if url.endswith("videos/") and set(query) & {"type", "child_of", "locale", "site"}:
                    continue
                with self.subTest(url=url, query=query):
                    self.assert_json(self.client.get(url, query), (400,))

    def test_writing_is_refused(self):
        for url in (NINJS_LISTINGS[0], f"/en/api/ninjs/stories/{self.story.pk}/", API_LISTINGS[0]):
            with self.subTest(url):
                response = self.client.post(url, {})
                self.assertIn(response.status_code, (403, 405))
