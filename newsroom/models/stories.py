"""The news: each locale's index of stories, and the stories."""

import datetime

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Prefetch, Q, prefetch_related_objects
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    MultipleChooserPanel,
)
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager, PageQuerySet
from wagtail.search import index

from videos.models import Video
from videos.texts import give_texts

from ..blocks import StoryBodyBlock
from ..filters import filtered_listing
from ..forms import StoryPageForm
from ..page_base import NewsroomPage
from ..renditions import HERO_IMAGE_FILTER
from ..structured_data import news_article
from ..topics import Topic, in_the_default_language, named_in
from ..video_pages import videos_on_pages
from ..visibility import published, videos_shown_by
from .people import Person


class StoryQuerySet(PageQuerySet):
    def published(self):
        """The stories the public may see; the rule itself is `newsroom.visibility.published`."""
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


class PersonMentioned(Orderable):
    """A person a story mentions, in the order the editor put them. Not translatable: a
    translation keeps its source's people (wagtail-localize synchronises the relation)."""

    page = ParentalKey(
        "newsroom.NewsStoryPage", on_delete=models.CASCADE, related_name="people_mentioned"
    )
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="mentions", verbose_name=_("person")
    )

    panels = [FieldPanel("person")]

    class Meta(Orderable.Meta):
        verbose_name = _("person mentioned")
        verbose_name_plural = _("people mentioned")


# A listing's stories with their people, in the editor's order, in one query for them all.
PEOPLE_IN_ORDER = Prefetch(
    "people_mentioned", queryset=PersonMentioned.objects.select_related("person")
)


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
    # What the public API lists; the body and files are in the story's ninjs and NewsML-G2.
    api_fields = [APIField("standfirst"), APIField("date"), APIField("place")]

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
        MultipleChooserPanel(
            "people_mentioned", chooser_field_name="person", label=_("People mentioned")
        ),
        InlinePanel("related", label=_("Related stories"), max_num=6),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("standfirst"),
        index.SearchField("body"),
        index.SearchField("place"),
        # In the story's own language: a French story is found by its topics' French names.
        index.SearchField("topic_names"),
        index.SearchField("people_names"),
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
        it builds (five times), and does not prefetch a related field itself, so indexing
        20,000 stories made 100,000 queries for them."""
        return super().get_indexed_objects().prefetch_related(PEOPLE_IN_ORDER, "topics")

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

    def people_names(self):
        # Read through the mentions the indexer prefetched with their people.
        return " ".join(mention.person.name for mention in self.people_mentioned.all())

    @cached_property
    def people_list(self):
        """The people the story mentions, in the editor's order; a preview's are those of the
        form, not yet saved."""
        mentions = self.people_mentioned.all()
        if "people_mentioned" not in getattr(self, "_prefetched_objects_cache", {}):
            # Unless fetched with the story (PEOPLE_IN_ORDER), the people come in one query.
            mentions = mentions.select_related("person")
        return [mention.person for mention in mentions]

    @cached_property
    def related_stories(self):
        """The related stories the public may see, each in this story's language where it is
        translated: a translation keeps the source's choices, which point at source pages.

        Read through the page's own relation, which holds the editor's choices in a preview,
        where the page may not be saved yet: a query naming an unsaved page is an error."""
        if not getattr(self, "has_related", True):
            return []
        chosen = self.related.values_list("story__translation_key", flat=True)
        return list(
            NewsStoryPage.objects.published()
            .for_readers_of(self.locale.language_code)
            .filter(translation_key__in=chosen)
            .for_cards()
            .newest_first()
        )

    @property
    def published_moment(self):
        """When the story came out, as feeds and structured data give it: its first
        publication if that fell on its dateline date, otherwise the start of the dateline day
        in the site's time zone (a story put online after the day it reports, as an imported
        or a demo story is)."""
        first = self.first_published_at
        if first and timezone.localdate(first) == self.date:
            return timezone.localtime(first)
        return timezone.make_aware(datetime.datetime.combine(self.date, datetime.time()))

    @property
    def updated_moment(self):
        """The story's last publication, never before it came out."""
        last = self.last_published_at
        return (
            max(timezone.localtime(last), self.published_moment) if last else self.published_moment
        )

    def shown_video_ids(self):
        """The videos this story shows, its hero first."""
        hero = [self.hero_video_id] if self.hero_video_id else []
        return hero + sorted(videos_shown_by(self) - set(hero))

    @cached_property
    def public_videos(self):
        """The videos this story shows that the public may watch, its hero first."""
        ids = self.shown_video_ids()
        if not ids:
            return []
        public = set(Video.objects.public().filter(pk__in=ids).values_list("pk", flat=True))
        shown = self._videos_read_to_show()
        missing = public - shown.keys()
        if missing:
            shown |= Video.objects.prefetch_related("captions").with_texts().in_bulk(missing)
        return [shown[video_id] for video_id in ids if video_id in public]

    def _videos_read_to_show(self):
        """The videos the page reads anyway to play them, by id: its body's (read with their
        captions and texts, videos/blocks.py) and its hero, given its captions and texts here
        for its player to find."""
        shown = {
            block.value["video"].pk: block.value["video"]
            for block in self.body
            if block.block_type == "video" and block.value.get("video")
        }
        if self.hero_video_id and self.hero_video_id not in shown:
            hero = self.hero_video
            prefetch_related_objects([hero], "captions")
            give_texts([hero])
            shown[hero.pk] = hero
        return shown

    @cached_property
    def hero_rendition(self):
        return self.hero_image.get_rendition(HERO_IMAGE_FILTER) if self.hero_image else None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Called by the template only when its cached fragment has to be rendered anew.
        context["structured_data"] = lambda: news_article(
            self, request, videos_on_pages(self.public_videos, self.locale.language_code, request)
        )
        return context
