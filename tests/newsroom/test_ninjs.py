"""A newsroom ingests the demo by ninjs: every story and video, in English and French, valid
against IPTC's own ninjs 3.3 schema, with what an ingest desk reads, filterable, paged, and
answered 304 while nothing changed."""

import io
from urllib.parse import urlsplit

from django.core.management import call_command
from django.test import TestCase

from newsroom.models import NewsStoryPage, Person
from tests.factories import ImageFactory, StoryFactory, VideoFactory, mixed_body, publish
from videos.models import Video

from .delivery import ninjs_errors


def path_of(url):
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


class DemoByNinjs(TestCase):
    @classmethod
    def setUpTestData(cls):
        with cls.captureOnCommitCallbacks(execute=True):
            call_command("load_demo_content", stdout=io.StringIO())
        cls.seed = NewsStoryPage.objects.get(
            slug="secretary-general-discusses-swedens-accession-in-stockholm",
            locale__language_code="en",
        )
        cls.video = Video.objects.public().get()

    def listing(self, url):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual(response["Content-Type"], "application/json; charset=utf-8")
        return response.json()

    def test_every_demo_story_and_video_validates_in_both_languages(self):
        for language in ("en", "fr"):
            stories = self.listing(f"/{language}/api/ninjs/stories/?limit=100")
            videos = self.listing(f"/{language}/api/ninjs/videos/?limit=100")
            self.assertEqual(
                stories["count"],
                NewsStoryPage.objects.live().filter(locale__language_code=language).count(),
            )
            self.assertEqual(videos["count"], 1)
            for item in stories["items"] + videos["items"]:
                with self.subTest(item["uri"]):
                    self.assertEqual(ninjs_errors(item), [])
                    # A video's words are in the listing's language once translated.
                    self.assertEqual(item["language"], language)
                    alone = self.client.get(path_of(item["uri"])).json()
                    self.assertEqual(alone, item)

    def test_the_seed_story_carries_what_an_ingest_desk_reads(self):
        story = self.client.get(f"/en/api/ninjs/stories/{self.seed.pk}/").json()

        self.assertEqual(story["uri"], f"http://testserver/en/api/ninjs/stories/{self.seed.pk}/")
        self.assertEqual(story["headlines"], [{"role": "main", "value": self.seed.title}])
        self.assertEqual(story["pubStatus"], "usable")
        self.assertEqual(story["version"], str(self.seed.live_revision_id))
        self.assertTrue(story["contentCreated"].startswith("2023-10-24T00:00:00"))
        roles = [description["role"] for description in story["descriptions"]]
        self.assertEqual(roles, ["summary", "shotlist"])
        self.assertEqual(story["descriptions"][0]["value"], self.seed.standfirst)
        self.assertIn("00:00:00 Colour bars", story["descriptions"][1]["value"])
        self.assertEqual(story["bodies"][0]["contentType"], "text/html")
        self.assertIn("<blockquote><p>Following the submission", story["bodies"][0]["value"])
        subjects = {(subject["rel"], subject["name"]) for subject in story["subjects"]}
        self.assertIn(("topic", "Sweden"), subjects)
        self.assertIn(("person", "Jens Stoltenberg"), subjects)
        self.assertEqual(story["places"], [{"name": "Stockholm", "rel": "dateline"}])
        self.assertTrue(story["usageTerms"] and story["copyrightNotice"])
        by_rel = {}
        for association in story["associations"]:
            by_rel.setdefault(association["rel"], []).append(association)
        french = NewsStoryPage.objects.get(
            translation_key=self.seed.translation_key, locale__language_code="fr"
        )
        self.assertEqual(
            [(t["uri"], t["language"]) for t in by_rel["translation"]],
            [(f"http://testserver/fr/api/ninjs/stories/{french.pk}/", "fr")],
        )
        self.assertEqual(by_rel["hero"][0]["renditions"][0]["contentType"], "image/webp")
        video = by_rel["video"][0]
        renditions = {rendition["name"]: rendition for rendition in video["renditions"]}
        self.assertEqual(
            set(renditions)
            >= {"preview", "original", "thumbnail", "captions-en", "captions-fr", "web"},
            True,
        )
        original = renditions["original"]
        self.assertEqual(
            original["href"], f"http://testserver/en/downloads/videos/{self.video.pk}/"
        )
        self.assertEqual(
            (
                original["sizeInBytes"],
                original["width"],
                original["height"],
                original["videoCodec"],
            ),
            (self.video.file_size, self.video.width, self.video.height, self.video.video_codec),
        )
        self.assertEqual(original["aspectRatio"], "16:9")
        self.assertEqual(original["frameRate"], self.video.frame_rate)
        self.assertEqual(original["duration"], self.video.duration)
        self.assertEqual(
            [
                (r["role"], r["language"], r["contentType"])
                for r in renditions["preview"]["resources"]
            ],
            [("subtitles", "en", "text/vtt"), ("subtitles", "fr", "text/vtt")],
        )

    def test_the_french_story_links_back_to_the_english_one_and_names_topics_in_french(self):
        french = NewsStoryPage.objects.get(
            translation_key=self.seed.translation_key, locale__language_code="fr"
        )

        story = self.client.get(f"/fr/api/ninjs/stories/{french.pk}/").json()

        self.assertEqual(story["language"], "fr")
        self.assertIn(
            f"http://testserver/en/api/ninjs/stories/{self.seed.pk}/",
            [a["uri"] for a in story["associations"] if a["rel"] == "translation"],
        )
        self.assertIn("Suède", [s["name"] for s in story["subjects"] if s["rel"] == "topic"])
        self.assertEqual(self.client.get(f"/en/api/ninjs/stories/{french.pk}/").status_code, 404)

    def test_the_master_download_still_asks_for_a_verified_account(self):
        video = self.client.get(f"/en/api/ninjs/videos/{self.video.pk}/").json()
        original = next(r for r in video["renditions"] if r["name"] == "original")

        response = self.client.get(path_of(original["href"]))

        self.assertEqual(response.status_code, 302)
        self.assertIn("/accounts/login/", response["Location"])

    def test_an_unchanged_item_or_listing_is_answered_304_and_a_change_is_not(self):
        for url in (
            f"/en/api/ninjs/stories/{self.seed.pk}/",
            "/en/api/ninjs/stories/?topic=sweden",
        ):
            with self.subTest(url):
                first = self.client.get(url)
                by_etag = self.client.get(url, headers={"if-none-match": first["ETag"]})
                by_date = self.client.get(
                    url, headers={"if-modified-since": first["Last-Modified"]}
                )
                self.assertEqual((by_etag.status_code, by_etag.content), (304, b""))
                self.assertEqual(by_date.status_code, 304)

                self.seed.standfirst = f"{self.seed.standfirst} Updated for {url}."
                with self.captureOnCommitCallbacks(execute=True):
                    self.seed.save_revision().publish()
                again = self.client.get(url, headers={"if-none-match": first["ETag"]})
                self.assertEqual(again.status_code, 200)
                self.assertNotEqual(again["ETag"], first["ETag"])

    def test_listings_filter_by_topic_person_and_time_and_page(self):
        stoltenberg = Person.objects.get(name="Jens Stoltenberg")

        about_sweden = self.listing("/en/api/ninjs/stories/?topic=sweden")
        with_him = self.listing(f"/en/api/ninjs/stories/?person={stoltenberg.pk}")
        future = self.listing("/en/api/ninjs/stories/?updated_since=2999-01-01")
        first_page = self.listing("/en/api/ninjs/stories/?limit=1")
        videos_about_sweden = self.listing("/fr/api/ninjs/videos/?topic=sweden")

        for listing in (about_sweden, with_him):
            self.assertGreaterEqual(listing["count"], 1)
            self.assertLess(listing["count"], self.listing("/en/api/ninjs/stories/")["count"])
        for item in about_sweden["items"]:
            self.assertIn("sweden", [s.get("literal") for s in item["subjects"]])
        for item in with_him["items"]:
            self.assertIn(str(stoltenberg.pk), [s.get("literal") for s in item["subjects"]])
        self.assertEqual((future["count"], future["items"]), (0, []))
        self.assertEqual(len(first_page["items"]), 1)
        self.assertEqual(
            first_page["next"], "http://testserver/en/api/ninjs/stories/?limit=1&page=2"
        )
        second = self.listing(path_of(first_page["next"]))
        self.assertNotEqual(second["items"][0]["uri"], first_page["items"][0]["uri"])
        self.assertEqual(videos_about_sweden["count"], 1)
        self.assertIn("Suède", [s["name"] for s in videos_about_sweden["items"][0]["subjects"]])


class FactoryStoriesByNinjs(TestCase):
    """Stories as the factories make them (every kind of block, several videos, no place, no
    hero), which the demo does not cover, validate too."""

    @classmethod
    def setUpTestData(cls):
        images = ImageFactory.create_batch(2)
        cls.videos = [VideoFactory(), VideoFactory(description="", location="", shot_list=[])]
        body = mixed_body(8, images=images, videos=cls.videos)
        body.append({"type": "embed", "value": "https://www.youtube.com/watch?v=abc"})
        cls.story = publish(
            StoryFactory(body=body, place="", hero_video=cls.videos[0], topics=["Sweden"])
        )

    def test_every_story_and_video_validates(self):
        stories = self.client.get("/en/api/ninjs/stories/").json()["items"]
        videos = self.client.get("/en/api/ninjs/videos/").json()["items"]

        self.assertEqual(len(stories), 1)
        self.assertEqual(len(videos), 2)
        for item in stories + videos:
            with self.subTest(item["uri"]):
                self.assertEqual(ninjs_errors(item), [])
        story = stories[0]
        self.assertEqual(story["type"], "composite")
        self.assertEqual(
            [a["name"] for a in story["associations"] if a["rel"] == "video"],
            [self.videos[0].title, self.videos[1].title],
        )
        self.assertNotIn("places", story)
        self.assertIn('<a href="https://www.youtube.com/watch?v=abc">', story["bodies"][0]["value"])
