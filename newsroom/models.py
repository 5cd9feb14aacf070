from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager, PageQuerySet
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from .blocks import StoryBodyBlock
from .documents import NewsroomDocument  # noqa: F401  (WAGTAILDOCS_DOCUMENT_MODEL)
from .filters import filtered_listing
from .forms import StoryPageForm
from .page_base import NewsroomPage, published
from .renditions import HERO_IMAGE_FILTER
from .structured_data import news_article
from .topics import Topic, in_the_default_language, named_in
from .video_library import VideoLibraryPage  # noqa: F401  (registers the page type)


class StoryQuerySet(PageQuerySet):
    def published(self):
        """The stories the public may see; the rule itself is `page_base.published`."""
        return published(self)

    def for_readers_of(self, language_code):
        """The stories in `language_code`, and the original of each story not yet published
        in it: readers of every language see every story, in their language where possible."""
        translated = NewsStoryPage.objects.published().filter(locale__language_code=language_code)
        return self.filter(
            Q(locale__language_code=language_code)
            | Q(locale__language_code=settings.LANGUAGE_CODE)
            & ~Q(translation_key__in=translated.values("translation_key"))
        )

    def newest_first(self):
        return self.order_by("-date", "-first_published_at", "-pk")

    def for_cards(self):
        """What a story card shows, fetched up front: the locale for its URL and its hero.
        The hero's rendition comes from the renditions cache."""
        return self.select_related("locale", "hero_image", "hero_video")

    def for_story_page(self):
        """What a story page needs on every request, fetched with the story: its locale, and
        whether it has related stories at all (they are checked on every request, since a
        related story may be unpublished at any time). The rest of the page is rendered into
        a cached fragment (see fragment_cache), so fetching it up front would be wasted."""
        return self.select_related("locale").annotate(
            has_related=Exists(RelatedStory.objects.filter(page=OuterRef("pk")))
        )


StoryManager = PageManager.from_queryset(StoryQuerySet)


@register_snippet
class Person(index.Indexed, models.Model):
    """Someone a story mentions, so readers and editors can find every story about them."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    role = models.CharField(_("role"), max_length=200, blank=True)

    panels = [FieldPanel("name"), FieldPanel("role")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name"]

    def __str__(self):
        return self.name


class NewsIndexPage(NewsroomPage):
    """The list of stories of one locale, filterable by topic and by month."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["newsroom.NewsStoryPage"]
    max_count_per_parent = 1
    lists_other_pages = True

    class Meta:
        verbose_name = _("news index")

    def stories(self):
        return (
            NewsStoryPage.objects.published()
            .for_readers_of(get_language())
            .for_cards()
            .newest_first()
        )

    @property
    def news_index(self):
        return self

    def route(self, request, path_components):
        # A story is the only child type, so it is fetched with what its page shows in one
        # query, rather than as a plain Page followed by its specific row.
        if len(path_components) == 1:
            stories = NewsStoryPage.objects.child_of(self).for_story_page()
            try:
                story = stories.get(slug=path_components[0])
            except NewsStoryPage.DoesNotExist as missing:
                raise Http404 from missing
            story._cached_parent_obj = self
            return story.route(request, [])
        return super().route(request, path_components)

    def topics(self):
        """The topics of this index's published stories, for the topic filter."""
        return Topic.objects.of(self.stories()).named_in(get_language())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        listing, stories = filtered_listing(request, self.stories(), settings.NEWS_INDEX_PAGE_SIZE)
        context.update(listing, stories=stories)
        context["topics"] = self.topics()
        return context


class RelatedStory(Orderable):
    page = ParentalKey("newsroom.NewsStoryPage", on_delete=models.CASCADE, related_name="related")
    story = models.ForeignKey(
        "newsroom.NewsStoryPage",
        on_delete=models.CASCADE,
        related_name="related_from",
        verbose_name=_("story"),
    )

    panels = [FieldPanel("story")]


class NewsStoryPage(NewsroomPage):
    """A news story: standfirst, dateline, and a body of paragraphs, quotes, videos, images."""

    standfirst = models.TextField(
        _("standfirst"), help_text=_("One or two sentences that sum up the story.")
    )
    date = models.DateField(_("dateline date"), default=timezone.localdate)
    place = models.CharField(_("dateline place"), max_length=120, blank=True)
    topics = ParentalManyToManyField(
        Topic,
        blank=True,
        related_name="stories",
        limit_choices_to=in_the_default_language,
        verbose_name=_("topics"),
    )
    people = ParentalManyToManyField(Person, blank=True, verbose_name=_("people mentioned"))
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("hero image"),
    )
    hero_video = models.ForeignKey(
        settings.WAGTAILMEDIA["MEDIA_MODEL"],
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("hero video"),
    )
    body = StreamField(StoryBodyBlock(), verbose_name=_("body"))

    objects = StoryManager()
    base_form_class = StoryPageForm

    content_panels = [
        *Page.content_panels,
        FieldPanel("standfirst"),
        FieldRowPanel([FieldPanel("date"), FieldPanel("place")], heading=_("Dateline")),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_video")],
            heading=_("Hero"),
            help_text=_("Choose an image or a video, not both."),
        ),
        FieldPanel("body"),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        FieldPanel("people"),
        InlinePanel("related", label=_("Related stories"), max_num=6),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("standfirst"),
        index.SearchField("body"),
        index.SearchField("place"),
        # In the story's own language: a French story is found by its topics' French names.
        index.SearchField("topic_names"),
        index.RelatedFields("people", [index.SearchField("name")]),
        index.FilterField("date"),
    ]

    parent_page_types = ["newsroom.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news story")
        verbose_name_plural = _("news stories")

    @classmethod
    def get_indexed_objects(cls):
        """Each story's people fetched with the story: the indexer reads them once per vector
        it builds (five times), and does not prefetch a ParentalManyToManyField itself, so
        indexing 20,000 stories made 100,000 queries for them."""
        return super().get_indexed_objects().prefetch_related("people", "topics")

    def clean(self):
        super().clean()
        if self.hero_image_id and self.hero_video_id:
            raise ValidationError(
                {"hero_video": _("Choose either a hero image or a hero video, not both.")}
            )

    @cached_property
    def news_index(self):
        """The index this story is listed in; known without a query when the story was routed."""
        return self.get_parent()

    @cached_property
    def topic_list(self):
        """The story's topics in its own language, where translated."""
        return named_in(self.topics.all(), self.locale.language_code)

    def topic_names(self):
        return " ".join(topic.name for topic in self.topic_list)

    @cached_property
    def people_list(self):
        return list(self.people.all())

    @cached_property
    def related_stories(self):
        """The related stories the public may see, each in this story's language where it is
        translated: a translation keeps the source's choices, which point at source pages."""
        if not getattr(self, "has_related", True):
            return []
        chosen = RelatedStory.objects.filter(page=self).values("story__translation_key")
        return list(
            NewsStoryPage.objects.published()
            .for_readers_of(self.locale.language_code)
            .filter(translation_key__in=chosen)
            .for_cards()
            .newest_first()
        )

    @cached_property
    def hero_rendition(self):
        return self.hero_image.get_rendition(HERO_IMAGE_FILTER) if self.hero_image else None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Called by the template only when its cached fragment has to be rendered anew.
        context["structured_data"] = lambda: news_article(self, request)
        return context
