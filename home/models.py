from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index

from newsroom.models import NewsIndexPage, NewsStoryPage
from newsroom.page_base import NewsroomPage
from videos.models import Video

LATEST_STORIES = 6
LATEST_VIDEOS = 4


class HomePage(NewsroomPage):
    """The landing page of a locale: the lead story, the latest stories and videos."""

    tagline = models.CharField(_("tagline"), max_length=255, blank=True)
    lead_story = models.ForeignKey(
        "newsroom.NewsStoryPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("lead story"),
        help_text=_("Leave empty to lead with the newest story."),
    )

    content_panels = [*Page.content_panels, FieldPanel("tagline"), FieldPanel("lead_story")]
    search_fields = [*Page.search_fields, index.SearchField("tagline")]

    # One per locale: each translation of the home page is a child of the root too, so the
    # count is the number of languages and no max_count applies.
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["newsroom.NewsIndexPage", "newsroom.VideoLibraryPage", "users.TermsOfUsePage"]
    lists_other_pages = True

    class Meta:
        verbose_name = _("home page")

    def route(self, request, path_components):
        # The news index is the child every story URL passes through: fetch it as its own
        # type in one query instead of a plain Page and then its specific row.
        if path_components:
            news_index = NewsIndexPage.objects.child_of(self).filter(slug=path_components[0])
            news_index = news_index.first()
            if news_index is not None:
                news_index._cached_parent_obj = self
                return news_index.route(request, path_components[1:])
        return super().route(request, path_components)

    @cached_property
    def news_index(self):
        return NewsIndexPage.objects.child_of(self).live().first()

    @cached_property
    def stories(self):
        """The lead story first, then the latest others, in the reader's language where
        translated; only stories the public may see."""
        public = NewsStoryPage.objects.published().for_readers_of(get_language()).for_cards()
        latest = list(public.newest_first()[: LATEST_STORIES + 1])
        if self.lead_story_id:
            chosen = public.filter(
                translation_key=NewsStoryPage.objects.filter(pk=self.lead_story_id).values(
                    "translation_key"
                )[:1]
            ).first()
            if chosen:
                latest = [chosen, *(story for story in latest if story.pk != chosen.pk)]
        return latest[: LATEST_STORIES + 1]

    @property
    def lead(self):
        return self.stories[0] if self.stories else None

    @property
    def latest_stories(self):
        return self.stories[1:]

    @cached_property
    def latest_videos(self):
        return list(
            Video.objects.public().prefetch_related("captions").with_texts()[:LATEST_VIDEOS]
        )
