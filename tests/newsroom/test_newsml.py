"""A newsroom ingests the demo by NewsML-G2: every story and video as a newsItem, and a story
holding several videos as a packageItem, each read and written again by IPTC's own newsmlg2
package, with the files' characteristics and the rights where G2 systems look for them."""

import io

from django.core.management import call_command
from django.test import TestCase

from newsroom.models import NewsStoryPage
from tests.factories import StoryFactory, VideoFactory, publish
from videos.models import Video

from .delivery import round_tripped


class DemoByNewsML(TestCase):
    @classmethod
    def setUpTestData(cls):
        with cls.captureOnCommitCallbacks(execute=True):
            call_command("load_demo_content", stdout=io.StringIO())
        cls.video = Video.objects.public().get()

    def test_every_demo_story_and_video_round_trips_through_newsmlg2(self):
        for language in ("en", "fr"):
            urls = [
                f"/{language}/api/newsml/stories/{story.pk}/"
                for story in NewsStoryPage.objects.live().filter(locale__language_code=language)
            ] + [f"/{language}/api/newsml/videos/{self.video.pk}/"]
            for url in urls:
                with self.subTest(url):
                    response = self.client.get(url)
                    self.assertEqual(response.status_code, 200)
                    self.assertTrue(response["Content-Type"].startswith("application/vnd.iptc.g2"))
                    item = round_tripped(response.content)
                    self.assertEqual(item.guid, f"http://testserver{url}")
                    self.assertTrue(str(item.contentmeta.headline))

    def test_a_video_item_carries_its_files_characteristics_and_rights(self):
        item = round_tripped(self.client.get(f"/en/api/newsml/videos/{self.video.pk}/").content)

        contents = {content.rendition: content for content in item.contentset.remotecontent}
        master = contents["rnd:highRes"]
        self.assertEqual(master.href, f"http://testserver/en/downloads/videos/{self.video.pk}/")
        self.assertEqual(
            (master.size, master.contenttype, master.width, master.height),
            (str(self.video.file_size), "video/mp4", str(self.video.width), str(self.video.height)),
        )
        self.assertEqual(float(master.duration), self.video.duration)
        self.assertEqual(float(master.videoframerate), self.video.frame_rate)
        self.assertEqual(master.videocodec, f"ffcodec:{self.video.video_codec}")
        self.assertEqual(master.videoavgbitrate, str(self.video.bitrate))
        self.assertEqual(contents["rnd:web"].contenttype, "video/mp4")
        self.assertEqual(
            {"nrcaptions:en", "nrcaptions:fr"} <= set(contents), True, sorted(contents)
        )
        rights = item.rightsinfo[0]
        self.assertEqual(str(rights.copyrightnotice), self.video.copyright)
        self.assertEqual(str(rights.usageterms), self.video.usage_terms)

    def test_a_story_with_one_video_has_no_package(self):
        story = NewsStoryPage.objects.live().filter(locale__language_code="en").first()

        response = self.client.get(f"/en/api/newsml/stories/{story.pk}/package/")

        self.assertEqual(response.status_code, 404)
        self.assertIn("message", response.json())


class StoryWithSeveralVideosByNewsML(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.videos = VideoFactory.create_batch(2)
        body = [
            {"type": "video", "value": {"video": video.pk, "caption": ""}} for video in cls.videos
        ]
        cls.story = publish(StoryFactory(body=body))

    def test_is_a_package_of_its_text_and_each_video(self):
        response = self.client.get(f"/en/api/newsml/stories/{self.story.pk}/package/")

        self.assertEqual(response.status_code, 200)
        package = round_tripped(response.content)
        refs = package.groupset.group[0].itemref
        self.assertEqual(
            [ref.residref for ref in refs],
            [
                f"http://testserver/en/api/newsml/stories/{self.story.pk}/",
                *(f"http://testserver/en/api/newsml/videos/{video.pk}/" for video in self.videos),
            ],
        )
        for ref in refs:
            self.assertEqual(
                self.client.get(ref.href.removeprefix("http://testserver")).status_code, 200
            )

    def test_the_text_item_escapes_what_editors_typed(self):
        self.story.title = 'Ampersands & <tags> "quoted"'
        publish(self.story)

        item = round_tripped(self.client.get(f"/en/api/newsml/stories/{self.story.pk}/").content)

        self.assertEqual(str(item.contentmeta.headline), 'Ampersands & <tags> "quoted"')
