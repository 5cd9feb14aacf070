"""A reader finds the seed story, and its video, from either language's search, with ordinary
words; each language is stemmed as itself, and the other language never shows."""

from django.test import TestCase
from wagtail.models import Locale, Page

from home.demo.demo_video import TITLE as DEMO_VIDEO_TITLE
from home.demo.french import FRENCH
from home.demo.seed_story import SEED_STORY
from newsroom.models import NewsIndexPage, NewsStoryPage
from tests.factories import StoryFactory
from tests.search.conftest import hits_of, load_the_demo, needs_postgresql
from videos.models import Video


class ReadersFindTheSeedStory(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_the_demo()
        cls.english = NewsStoryPage.objects.get(slug=SEED_STORY["slug"])
        cls.french = cls.english.get_translation(Locale.objects.get(language_code="fr"))
        cls.video = Video.objects.get(title=DEMO_VIDEO_TITLE)

    def first_hit(self, path):
        hits = hits_of(self.client.get(path))
        self.assertTrue(hits, f"{path} found nothing")
        return hits[0]

    def test_ordinary_words_find_the_seed_story_in_each_language(self):
        self.assertEqual(
            self.first_hit("/en/search/?q=Sweden NATO accession").url, self.english.url
        )
        self.assertEqual(
            self.first_hit("/fr/search/?q=adhésion de la Suède à l’OTAN").url, self.french.url
        )

    def test_suede_with_or_without_its_accent_finds_the_french_seed_story(self):
        for query in ["Suède", "suede", "SUEDE"]:
            with self.subTest(query=query):
                self.assertEqual(self.first_hit(f"/fr/search/?q={query}").url, self.french.url)

    def test_english_results_never_show_on_the_french_search(self):
        english_hits = hits_of(self.client.get("/en/search/?q=Stoltenberg"))
        french_hits = hits_of(self.client.get("/fr/search/?q=Stoltenberg"))

        self.assertIn(self.english.url, [hit.url for hit in english_hits])
        self.assertIn(self.french.url, [hit.url for hit in french_hits])
        stories = [hit for hit in french_hits if hit.kind == "story"]
        self.assertTrue(all(hit.url.startswith("/fr/") for hit in stories))
        self.assertNotIn(self.english.title, [hit.title for hit in french_hits])

    def test_each_result_shows_its_title_date_type_and_a_highlighted_snippet(self):
        response = self.client.get("/fr/search/?q=suede")
        hit = hits_of(response)[0]

        self.assertEqual((hit.title, hit.kind), (self.french.title, "story"))
        self.assertContains(response, f'<a href="{self.french.url}">{self.french.title}</a>')
        self.assertContains(response, '<time datetime="2023-10-24">24 octobre 2023</time>')
        self.assertContains(response, '<span class="badge badge--kind">Article</span>')
        self.assertContains(response, "de la <mark>Suède</mark> à la Grande Assemblée")

    def test_the_seed_video_is_found_in_each_language_and_links_to_that_language_s_library(self):
        # Found by its original words, shown with the title of the reader's language.
        titles = {"en": DEMO_VIDEO_TITLE, "fr": FRENCH[DEMO_VIDEO_TITLE]}
        for language, title in titles.items():
            with self.subTest(language=language):
                hit = self.first_hit(f"/{language}/search/?q=test pattern&kind=video")
                self.assertEqual((hit.title, hit.kind, hit.language), (title, "video", language))
                self.assertEqual(self.client.get(hit.url).status_code, 200)
                self.assertTrue(hit.url.startswith(f"/{language}/"))

    def test_the_header_box_suggests_the_seed_story_as_its_title_is_typed(self):
        english = self.client.get("/en/search/suggestions/?q=secretary gen").json()
        french = self.client.get("/fr/search/suggestions/?q=adhesion de la sue").json()

        self.assertEqual(english["suggestions"][0]["url"], self.english.url)
        self.assertEqual(english["suggestions"][0]["kind_label"], "Story")
        self.assertEqual(french["suggestions"][0]["url"], self.french.url)
        self.assertEqual(french["suggestions"][0]["title"], self.french.title)

    def test_the_header_holds_the_search_box_on_every_page(self):
        response = self.client.get(self.french.url)

        self.assertContains(response, '<form class="site-search" method="get" action="/fr/search/"')
        self.assertContains(response, 'data-suggestions-url="/fr/search/suggestions/"')
        self.assertContains(response, "js/search-suggestions.js")

    def test_the_language_switcher_keeps_the_search(self):
        response = self.client.get("/en/search/?q=Sweden&page=2&kind=story")

        self.assertContains(response, 'href="/fr/search/?q=Sweden&amp;kind=story"')

    @needs_postgresql
    def test_french_stemming_finds_ratification_for_ratifications(self):
        self.assertEqual(self.first_hit("/fr/search/?q=ratifications").url, self.french.url)
        self.assertEqual(self.first_hit("/en/search/?q=ratifications").url, self.english.url)


@needs_postgresql
class EachLanguageIsStemmedAsItself(TestCase):
    """The same words, in an English story and in a French one: each is stemmed by its own
    language's rules, so a plural only the French rules know finds only the French story."""

    @classmethod
    def setUpTestData(cls):
        load_the_demo()
        with cls.captureOnCommitCallbacks(execute=True):
            body = [{"type": "paragraph", "value": "<p>Running horses: les chevaux courent.</p>"}]
            cls.english = StoryFactory(title="Horse fair", body=body)
            cls.english.save_revision().publish()
            french_index = NewsIndexPage.objects.get(locale__language_code="fr")
            cls.french = StoryFactory(title="Foire aux chevaux", body=body, parent=french_index)
            cls.french.save_revision().publish()

    def test_french_rules_find_chevaux_for_cheval_in_the_french_story_only(self):
        self.assertIn(self.french.title, self.titles("fr", "cheval"))
        self.assertNotIn(self.english.title, self.titles("en", "cheval"))

    def test_english_rules_find_running_for_runs_in_the_english_story_only(self):
        self.assertIn(self.english.title, self.titles("en", "runs"))
        self.assertNotIn(self.french.title, self.titles("fr", "runs"))

    def test_a_search_in_no_language_such_as_the_admin_s_finds_both(self):
        self.assertIn(self.french.pk, self.admin_search("cheval"))
        self.assertIn(self.english.pk, self.admin_search("runs"))

    def titles(self, language, query):
        return [hit.title for hit in hits_of(self.client.get(f"/{language}/search/?q={query}"))]

    @staticmethod
    def admin_search(query):
        return [page.pk for page in Page.objects.search(query)]
