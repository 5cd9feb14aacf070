"""Nothing that is not public reaches a newsroom: a draft, an embargoed, an expired and a
view-restricted story, each with a video of its own, are absent from every ninjs and NewsML-G2
address and from the public API, items and listings alike, while a published story and its
video are there. Wagtail's images and documents endpoints do not exist."""

import datetime

from django.test import TestCase
from django.utils import timezone
from wagtail.models import PageViewRestriction

from tests.factories import StoryFactory, VideoFactory, publish


def showing(video):
    return [{"type": "video", "value": {"video": video.pk, "caption": ""}}]


class NothingPrivateIsDelivered(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.public_video = VideoFactory(title="Public video")
        cls.public = publish(StoryFactory(title="Public story", body=showing(cls.public_video)))
        cls.hidden = {}

        video = VideoFactory(title="Draft video")
        cls.hidden["draft"] = (
            StoryFactory(title="Draft story", live=False, body=showing(video)),
            video,
        )

        video = VideoFactory(title="Embargoed video")
        embargoed = StoryFactory(title="Embargoed story", live=False, body=showing(video))
        embargoed.go_live_at = timezone.now() + datetime.timedelta(days=1)
        embargoed.save_revision().publish()
        cls.hidden["embargoed"] = (embargoed, video)

        video = VideoFactory(title="Expired video")
        expired = publish(StoryFactory(title="Expired story", body=showing(video)))
        expired.unpublish(set_expired=True)
        cls.hidden["expired"] = (expired, video)

        video = VideoFactory(title="Restricted video")
        restricted = publish(StoryFactory(title="Restricted story", body=showing(video)))
        # The record of public videos is redone once the restriction is committed.
        with cls.captureOnCommitCallbacks(execute=True):
            PageViewRestriction.objects.create(
                page=restricted, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
            )
        cls.hidden["restricted"] = (restricted, video)

    def test_items_of_private_stories_and_videos_are_not_found_in_any_format(self):
        for kind, (story, video) in self.hidden.items():
            for url in (
                f"/en/api/ninjs/stories/{story.pk}/",
                f"/en/api/newsml/stories/{story.pk}/",
                f"/en/api/newsml/stories/{story.pk}/package/",
                f"/en/api/ninjs/videos/{video.pk}/",
                f"/fr/api/ninjs/videos/{video.pk}/",
                f"/en/api/newsml/videos/{video.pk}/",
                f"/api/v2/pages/{story.pk}/",
                f"/api/v2/videos/{video.pk}/",
            ):
                with self.subTest(kind=kind, url=url):
                    response = self.client.get(url)
                    self.assertEqual(response.status_code, 404)
                    self.assertIn("message", response.json())

    def test_listings_show_the_public_story_and_video_and_nothing_else(self):
        listings = [
            "/en/api/ninjs/stories/?limit=100",
            "/en/api/ninjs/videos/?limit=100",
            "/fr/api/ninjs/videos/?limit=100",
            "/api/v2/pages/?limit=100",
            "/api/v2/pages/?type=newsroom.NewsStoryPage&fields=*&limit=100",
            "/api/v2/videos/?fields=*&limit=100",
        ]
        for url in listings:
            with self.subTest(url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                text = response.content.decode()
                self.assertTrue("Public story" in text or "Public video" in text, text)
                for kind, (story, video) in self.hidden.items():
                    self.assertNotIn(story.title, text, kind)
                    self.assertNotIn(video.title, text, kind)

    def test_the_public_items_are_there_in_every_format(self):
        for url in (
            f"/en/api/ninjs/stories/{self.public.pk}/",
            f"/en/api/newsml/stories/{self.public.pk}/",
            f"/en/api/ninjs/videos/{self.public_video.pk}/",
            f"/en/api/newsml/videos/{self.public_video.pk}/",
            f"/api/v2/pages/{self.public.pk}/",
            f"/api/v2/videos/{self.public_video.pk}/",
        ):
            with self.subTest(url):
                self.assertEqual(self.client.get(url).status_code, 200)

    def test_finding_a_restricted_page_by_its_path_finds_nothing(self):
        restricted, _video = self.hidden["restricted"]

        response = self.client.get(f"/api/v2/pages/find/?html_path={restricted.url}")

        self.assertEqual(response.status_code, 404)

    def test_wagtails_images_and_documents_endpoints_do_not_exist(self):
        for url in ("/api/v2/images/", "/api/v2/documents/"):
            with self.subTest(url):
                self.assertEqual(self.client.get(url).status_code, 404)
