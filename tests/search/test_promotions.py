"""Editors pin chosen results for chosen words (wagtail.contrib.search_promotions): they come
first, in the reader's language, and only if the public may see them."""

from django.test import TestCase
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Locale

from home.demo.seed_story import SEED_STORY
from newsroom.models import NewsStoryPage
from tests.factories import StoryFactory
from tests.search.conftest import hits_of, load_the_demo


class PromotedResults(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_the_demo()
        cls.seed = NewsStoryPage.objects.get(slug=SEED_STORY["slug"])
        cls.french_seed = cls.seed.get_translation(Locale.objects.get(language_code="fr"))
        with cls.captureOnCommitCallbacks(execute=True):
            for number in range(3):
                StoryFactory(title=f"Sweden story {number}", standfirst="Sweden, Sweden, Sweden.")
        cls.query = Query.get("Sweden")

    def promote(self, page=None, **fields):
        return SearchPromotion.objects.create(query=self.query, page=page, **fields)

    def test_a_promoted_story_comes_first_marked_and_only_once(self):
        self.promote(self.seed, description="The seed story, pinned by the editors.")

        response = self.client.get("/en/search/?q=Sweden")
        hits = hits_of(response)

        self.assertEqual(hits[0].url, self.seed.url)
        self.assertTrue(hits[0].promoted)
        self.assertEqual(hits[0].snippet, "The seed story, pinned by the editors.")
        self.assertEqual([hit.url for hit in hits].count(self.seed.url), 1)
        self.assertFalse(any(hit.promoted for hit in hits[1:]))
        self.assertContains(response, '<span class="badge badge--promoted">Recommended</span>')
        self.assertEqual(response.context["results"].total, len(hits))

    def test_a_new_promotion_shows_at_once_though_pages_of_results_are_kept(self):
        before = hits_of(self.client.get("/en/search/?q=Sweden"))
        self.promote(self.seed)
        after = hits_of(self.client.get("/en/search/?q=Sweden"))

        self.assertFalse(before[0].promoted)
        self.assertEqual((after[0].url, after[0].promoted), (self.seed.url, True))

    def test_the_words_are_matched_as_wagtail_normalises_them(self):
        self.promote(self.seed)

        self.assertEqual(hits_of(self.client.get("/en/search/?q=  SWEDEN "))[0].url, self.seed.url)

    def test_promotions_keep_their_order(self):
        second = NewsStoryPage.objects.get(title="Sweden story 1")
        self.promote(second)
        self.promote(self.seed)

        hits = hits_of(self.client.get("/en/search/?q=Sweden"))

        self.assertEqual([hit.url for hit in hits[:2]], [second.url, self.seed.url])

    def test_the_french_search_shows_the_french_translation_of_a_promoted_story(self):
        self.promote(self.seed)
        self.promote(NewsStoryPage.objects.get(title="Sweden story 0"))

        hits = hits_of(self.client.get("/fr/search/?q=Sweden"))

        self.assertEqual(hits[0].url, self.french_seed.url)
        self.assertEqual([hit.url for hit in hits if hit.promoted], [self.french_seed.url])

    def test_an_unpublished_promoted_story_is_not_shown(self):
        story = NewsStoryPage.objects.get(title="Sweden story 2")
        self.promote(story)
        story.unpublish()

        urls = [hit.url for hit in hits_of(self.client.get("/en/search/?q=Sweden"))]

        self.assertNotIn(story.url, urls)

    def test_promoted_stories_follow_the_filters_and_links_show_only_without_them(self):
        self.promote(self.seed)
        self.promote(external_link_url="https://www.nato.int/", external_link_text="NATO")

        unfiltered = hits_of(self.client.get("/en/search/?q=Sweden"))
        videos_only = hits_of(self.client.get("/en/search/?q=Sweden&kind=video"))

        self.assertEqual(
            [(hit.kind, hit.url) for hit in unfiltered[:2]],
            [("story", self.seed.url), ("link", "https://www.nato.int/")],
        )
        self.assertFalse(any(hit.promoted for hit in videos_only))

    def test_promotions_show_on_the_first_page_only(self):
        self.promote(self.seed)
        with self.captureOnCommitCallbacks(execute=True):
            for number in range(3, 12):
                StoryFactory(title=f"Sweden story {number}")

        second_page = hits_of(self.client.get("/en/search/?q=Sweden&page=2"))

        self.assertFalse(any(hit.promoted for hit in second_page))
