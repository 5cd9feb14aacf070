"""The page tree: each page type may be created only where the design allows it."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage
from newsroom.models import NewsIndexPage, NewsStoryPage, VideoLibraryPage
from tests.factories import StoryFactory, publish
from users.models import TermsOfUsePage


class PageTreeTests(WagtailPageTestCase):
    def test_home_page_sits_under_the_root_only(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(HomePage, {NewsIndexPage, VideoLibraryPage, TermsOfUsePage})

    def test_news_index_sits_under_a_home_page_only(self):
        self.assertAllowedParentPageTypes(NewsIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(NewsIndexPage, {NewsStoryPage})

    def test_stories_sit_under_the_news_index_and_have_no_children(self):
        self.assertAllowedParentPageTypes(NewsStoryPage, {NewsIndexPage})
        self.assertAllowedSubpageTypes(NewsStoryPage, set())

    def test_a_home_page_has_at_most_one_news_index(self):
        home = HomePage.objects.get(depth=2)
        self.assertFalse(NewsIndexPage.can_create_at(home))

    def test_the_video_library_sits_under_a_home_page_once_with_no_children(self):
        self.assertAllowedParentPageTypes(VideoLibraryPage, {HomePage})
        self.assertAllowedSubpageTypes(VideoLibraryPage, set())
        self.assertFalse(VideoLibraryPage.can_create_at(HomePage.objects.get(depth=2)))

    def test_the_terms_of_use_sit_under_a_home_page_once(self):
        self.assertAllowedParentPageTypes(TermsOfUsePage, {HomePage})
        self.assertAllowedSubpageTypes(TermsOfUsePage, set())

    def test_a_story_cannot_be_created_under_the_home_page(self):
        self.assertCanNotCreateAt(HomePage, NewsStoryPage)


class PagesRouteAndRenderTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = HomePage.objects.get(depth=2)
        cls.news_index = NewsIndexPage.objects.get(depth=3)
        cls.story = publish(StoryFactory(title="Routable story"))

    def test_each_page_type_routes_and_renders(self):
        # Wagtail's assertPageIsRoutable does not know i18n_patterns' language prefix, so
        # routing is checked through the real URL.
        for page in (self.home, self.news_index, self.story):
            with self.subTest(page=page.specific_class.__name__):
                self.assertPageIsRenderable(page)
                response = self.client.get(page.url)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(response.context["page"], page.specific)

    def test_the_story_lives_under_the_english_prefix(self):
        self.assertEqual(self.story.url, "/en/news/routable-story/")
        response = self.client.get(self.story.url)
        self.assertContains(response, '<h1 class="story__title">Routable story</h1>', html=True)
