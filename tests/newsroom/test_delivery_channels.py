"""A newsroom ingests the demo site by its feeds, sitemap and structured data: every one of
them, in English and in French, passes its standard's checks.

- Feeds: feedparser reads them without complaint (`bozo`), and every element RFC 4287 (Atom)
  and RSS 2.0 require is there, with Media RSS for each video.
- JSON-LD: pyld expands it against the schema.org context (vendored in standards/), and
  every property and type it uses is a schema.org term.
- The sitemap validates against the sitemaps.org schema (standards/sitemap.xsd).
"""

import json
import re
from pathlib import Path

import feedparser
from django.test import TestCase
from lxml import etree
from pyld import jsonld
from wagtail.models import Locale, Page

from home.demo.loader import load_demo_content
from home.demo.seed_story import SEED_STORY
from newsroom.models import NewsStoryPage
from newsroom.topics import Topic
from users.models import TermsOfUsePage
from videos.models import Video
from videos.processing import preview_size

STANDARDS = Path(__file__).parent / "standards"
SCHEMA_ORG_CONTEXT = json.loads((STANDARDS / "schemaorgcontext.jsonld").read_text())
SCHEMA_ORG_TERMS = set(SCHEMA_ORG_CONTEXT["@context"])
ATOM = "{http://www.w3.org/2005/Atom}"
MEDIA = "{http://search.yahoo.com/mrss/}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
VIDEO = "{http://www.google.com/schemas/sitemap-video/1.1}"
XHTML = "{http://www.w3.org/1999/xhtml}"
LANGUAGES = ["en", "fr"]
DATE_TIME_WITH_ZONE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")
JSON_LD = re.compile(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', re.S)


def schema_org_loader(url, options=None):
    """pyld's document loader, serving the schema.org context from the vendored file."""
    if url.rstrip("/") not in ("https://schema.org", "http://schema.org") and not url.endswith(
        "schema.org/docs/jsonldcontext.jsonld"
    ):
        raise jsonld.JsonLdError(f"Not vendored: {url}", "loading document failed")
    return {
        "contentType": "application/ld+json",
        "contextUrl": None,
        "documentUrl": url,
        "document": SCHEMA_ORG_CONTEXT,
    }


def terms_used(data):
    """Every property name and type in a JSON-LD document, outside JSON-LD's keywords."""
    if isinstance(data, list):
        for value in data:
            yield from terms_used(value)
    elif isinstance(data, dict):
        for key, value in data.items():
            if key == "@type":
                yield from value if isinstance(value, list) else [value]
            elif not key.startswith("@"):
                yield key
                yield from terms_used(value)


class DemoSite(TestCase):
    @classmethod
    def setUpTestData(cls):
        with cls.captureOnCommitCallbacks(execute=True):
            load_demo_content(log=lambda *args: None)
        # Held until the end here, wagtail-localize's publication of the French home page
        # writes back the child count it had before its children were translated; loaded
        # for real, each is published at once.
        Page.fix_tree()
        cls.video = Video.objects.get()

    def get(self, path):
        response = self.client.get(path)
        self.assertEqual(response.status_code, 200, path)
        return response


class FeedsValidate(DemoSite):
    feeds = ["feeds/rss/", "feeds/atom/", "feeds/videos/"]

    def test_every_feed_parses_without_complaint_in_both_languages(self):
        for language in LANGUAGES:
            for feed in self.feeds:
                with self.subTest(language=language, feed=feed):
                    parsed = feedparser.parse(self.get(f"/{language}/{feed}").content)
                    self.assertFalse(parsed.bozo, parsed.get("bozo_exception"))
                    self.assertTrue(parsed.entries)

    def test_rss_has_every_element_rss_2_requires_and_media_rss_for_each_video(self):
        for language in LANGUAGES:
            for feed in ("feeds/rss/", "feeds/videos/"):
                with self.subTest(language=language, feed=feed):
                    rss = etree.fromstring(self.get(f"/{language}/{feed}").content)
                    channel = rss.find("channel")
                    self.assertEqual(rss.get("version"), "2.0")
                    for required in ("title", "link", "description"):
                        self.assertTrue(channel.findtext(required), required)
                    self.assertTrue(channel.findtext("link").startswith("http://testserver/"))
                    self.assertEqual(channel.findtext("language"), language)
                    items = channel.findall("item")
                    for item in items:
                        self.assertTrue(item.findtext("title") or item.findtext("description"))
                        self.assertTrue(item.findtext("link").startswith("http://testserver/"))
                        self.assertTrue(item.findtext("pubDate"))
                    with_video = [
                        item for item in items if item.find(f"{MEDIA}content") is not None
                    ]
                    self.assertTrue(with_video)
                    for item in with_video:
                        self.assert_media_rss(item, language)

    def assert_media_rss(self, item, language):
        content = item.find(f"{MEDIA}content")
        video = self.video
        text = video.text_in(language)
        self.assertEqual(content.get("url"), f"http://testserver{video.preview_url}")
        self.assertEqual(content.get("type"), "video/mp4")
        self.assertEqual(int(content.get("fileSize")), video.preview.size)
        self.assertEqual(int(content.get("duration")), round(video.duration))
        self.assertEqual(
            (int(content.get("width")), int(content.get("height"))),
            preview_size(video.width, video.height),
        )
        self.assertEqual(
            content.find(f"{MEDIA}thumbnail").get("url"), f"http://testserver{video.poster_url}"
        )
        self.assertEqual(content.findtext(f"{MEDIA}title"), text.title)
        self.assertEqual(content.findtext(f"{MEDIA}description"), text.description)
        subtitles = {sub.get("lang"): sub for sub in content.findall(f"{MEDIA}subTitle")}
        self.assertEqual(set(subtitles), {"en", "fr"})
        for language, subtitle in subtitles.items():
            self.assertEqual(subtitle.get("type"), "text/vtt")
            track = video.captions.get(language=language)
            self.assertEqual(subtitle.get("href"), f"http://testserver{track.url}")
        enclosure = item.find("enclosure")
        self.assertEqual(enclosure.get("url"), content.get("url"))
        self.assertEqual(enclosure.get("length"), content.get("fileSize"))
        self.assertEqual(enclosure.get("type"), "video/mp4")

    def test_atom_has_every_element_rfc_4287_requires(self):
        for language in LANGUAGES:
            with self.subTest(language=language):
                feed = etree.fromstring(self.get(f"/{language}/feeds/atom/").content)
                for required in ("id", "title", "updated"):
                    self.assertTrue(feed.findtext(f"{ATOM}{required}"), required)
                # An author for the feed stands for every entry that has none (4.1.1).
                self.assertTrue(feed.findtext(f"{ATOM}author/{ATOM}name"))
                self.assertTrue(feed.findtext(f"{ATOM}author/{ATOM}uri").startswith("http://"))
                self.assertIsNotNone(feed.find(f"{ATOM}link[@rel='self']"))
                for entry in feed.findall(f"{ATOM}entry"):
                    for required in ("id", "title", "updated"):
                        self.assertTrue(entry.findtext(f"{ATOM}{required}"), required)
                    # No content: an alternate link and a summary are required (4.1.1, 4.1.2).
                    self.assertIsNotNone(entry.find(f"{ATOM}link[@rel='alternate']"))
                    self.assertTrue(entry.findtext(f"{ATOM}summary"))

    def test_the_seed_story_is_dated_by_its_own_date_not_by_when_the_demo_was_loaded(self):
        seed_story = NewsStoryPage.objects.get(slug=SEED_STORY["slug"])
        for language in LANGUAGES:
            with self.subTest(language=language):
                slug = seed_story.get_translation(Locale.objects.get(language_code=language)).slug
                feed = etree.fromstring(self.get(f"/{language}/feeds/atom/").content)
                seed = next(
                    entry
                    for entry in feed.findall(f"{ATOM}entry")
                    if f"/{slug}/" in entry.find(f"{ATOM}link").get("href")
                )
                self.assertEqual(seed.findtext(f"{ATOM}published"), "2023-10-24T12:00:00+02:00")
                self.assertEqual(seed.findtext(f"{ATOM}updated"), "2023-10-24T12:00:00+02:00")
                rss = etree.fromstring(self.get(f"/{language}/feeds/rss/").content)
                dates = [item.findtext("pubDate") for item in rss.iter("item")]
                self.assertIn("Tue, 24 Oct 2023 12:00:00 +0200", dates)

    def test_the_french_feeds_are_french_topic_names_included(self):
        french_topics = set(
            Topic.objects.filter(locale__language_code="fr").values_list("name", flat=True)
        )
        for feed in ("feeds/rss/", "feeds/videos/"):
            with self.subTest(feed=feed):
                rss = etree.fromstring(self.get(f"/fr/{feed}").content)
                channel = rss.find("channel")
                self.assertIn("derni", channel.findtext("title"))
                categories = {category.text for category in rss.iter("category")}
                self.assertTrue(categories)
                self.assertLessEqual(categories, french_topics)
                links = [item.findtext("link") for item in rss.iter("item")]
                self.assertTrue(all(link.startswith("http://testserver/fr/") for link in links))


class StructuredDataValidates(DemoSite):
    def pages(self):
        paths = [page.url for page in Page.objects.live().filter(depth__gt=1).specific()]
        paths += [f"/{language}/videos/{self.video.pk}/" for language in LANGUAGES]
        return paths

    def test_every_json_ld_block_of_the_demo_expands_against_the_schema_org_context(self):
        checked = 0
        for path in self.pages():
            for block in JSON_LD.findall(self.get(path).content.decode()):
                with self.subTest(path=path):
                    data = json.loads(block)
                    expanded = jsonld.expand(data, {"documentLoader": schema_org_loader})
                    self.assertTrue(expanded)
                    unknown = set(terms_used(data)) - SCHEMA_ORG_TERMS
                    self.assertFalse(unknown, f"not schema.org terms: {unknown}")
                    checked += 1
        self.assertGreaterEqual(checked, 10)

    def test_a_story_showing_a_video_describes_it_with_dates_in_time_and_zone(self):
        story = self.get(f"/en/news/{SEED_STORY['slug']}/").content.decode()
        article = json.loads(JSON_LD.search(story)[1])

        [video] = article["video"]
        self.assertEqual(video["@type"], "VideoObject")
        self.assertEqual(video["embedUrl"], f"http://testserver/en/embed/videos/{self.video.pk}/")
        self.assertEqual(video["url"], f"http://testserver/en/videos/{self.video.pk}/")
        for date in (article["datePublished"], article["dateModified"], video["uploadDate"]):
            self.assertRegex(date, DATE_TIME_WITH_ZONE)
        self.assertEqual(article["datePublished"], "2023-10-24T12:00:00+02:00")
        for organisation in (article["author"], article["publisher"], video["publisher"]):
            self.assertEqual(organisation["url"], "http://testserver/en/")
            self.assertEqual(organisation["logo"]["url"], "http://testserver/static/img/logo.png")
        self.assertEqual(self.client.get("/static/img/logo.png").status_code, 200)

    def test_the_french_video_page_describes_the_video_in_french(self):
        page = self.get(f"/fr/videos/{self.video.pk}/").content.decode()
        video = json.loads(JSON_LD.search(page)[1])

        self.assertEqual(video["inLanguage"], "fr")
        self.assertEqual(video["url"], f"http://testserver/fr/videos/{self.video.pk}/")
        self.assertEqual(video["embedUrl"], f"http://testserver/fr/embed/videos/{self.video.pk}/")
        self.assertEqual(video["publisher"]["url"], "http://testserver/fr/")


class SitemapValidates(DemoSite):
    def test_the_sitemap_validates_against_the_sitemaps_org_schema(self):
        sitemap = etree.fromstring(self.get("/sitemap.xml").content)
        schema = etree.XMLSchema(etree.parse(str(STANDARDS / "sitemap.xsd")))
        # The schema checks other namespaces' elements strictly, against schemas of their
        # own: the hreflang links and the video extension are checked below instead.
        for foreign in sitemap.xpath("//*[namespace-uri() != $ns]", ns=SITEMAP[1:-1]):
            foreign.getparent().remove(foreign)
        self.assertTrue(schema.validate(sitemap), schema.error_log)

    def test_the_sitemap_lists_each_video_page_with_the_video_extension(self):
        sitemap = etree.fromstring(self.get("/sitemap.xml").content)
        entries = {url.findtext(f"{SITEMAP}loc"): url for url in sitemap.iter(f"{SITEMAP}url")}
        for language in LANGUAGES:
            with self.subTest(language=language):
                url = entries[f"http://testserver/{language}/videos/{self.video.pk}/"]
                video = url.find(f"{VIDEO}video")
                children = [child.tag.removeprefix(VIDEO) for child in video]
                self.assertEqual(
                    children,
                    [
                        "thumbnail_loc",
                        "title",
                        "description",
                        "content_loc",
                        "player_loc",
                        "duration",
                        "publication_date",
                    ],
                )
                self.assertEqual(
                    video.findtext(f"{VIDEO}content_loc"),
                    f"http://testserver{self.video.preview_url}",
                )
                self.assertEqual(
                    video.findtext(f"{VIDEO}player_loc"),
                    f"http://testserver/{language}/embed/videos/{self.video.pk}/",
                )
                self.assertEqual(
                    video.findtext(f"{VIDEO}duration"), str(round(self.video.duration))
                )
                self.assertRegex(video.findtext(f"{VIDEO}publication_date"), DATE_TIME_WITH_ZONE)
                hreflangs = {
                    link.get("hreflang"): link.get("href") for link in url.iter(f"{XHTML}link")
                }
                self.assertEqual(set(hreflangs), {"en", "fr", "x-default"})
                self.assertEqual(hreflangs["x-default"], hreflangs["en"])


class PagesLinkAbsolutely(DemoSite):
    def test_the_terms_pages_have_canonical_and_hreflang_links(self):
        for terms in TermsOfUsePage.objects.live():
            with self.subTest(language=terms.locale.language_code):
                html = self.get(terms.url).content.decode()
                self.assertIn(f'<link rel="canonical" href="{terms.full_url}">', html)
                for other in terms.get_translations(inclusive=True):
                    code = other.locale.language_code
                    self.assertIn(
                        f'<link rel="alternate" hreflang="{code}" href="{other.full_url}">', html
                    )

    def test_every_alternate_link_of_a_page_is_absolute(self):
        html = self.get("/fr/").content.decode()
        hrefs = re.findall(r'<link rel="alternate"[^>]* href="([^"]+)"', html)
        self.assertTrue(hrefs)
        self.assertTrue(all(re.match(r"^https?://[^/]+/", href) for href in hrefs), hrefs)
        self.assertIn('href="http://testserver/fr/feeds/rss/"', html)

    def test_favicon_ico_leads_to_the_icon(self):
        response = self.client.get("/favicon.ico")
        self.assertEqual(response.status_code, 301)
        icon = self.client.get(response["Location"])
        self.assertEqual(icon.status_code, 200)
        self.assertTrue(b"".join(icon.streaming_content).startswith(b"\x00\x00\x01\x00"))
