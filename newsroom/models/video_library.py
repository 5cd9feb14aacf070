"""The video library (`/en/videos/`): every public video, newest first, and a page per video
with its player, captions, transcript, shot list and metadata."""

from dataclasses import replace

from django.conf import settings
from django.db import models
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page
from wagtail.search import index

from videos.models import Video

from ..filters import filtered_listing
from ..page_base import NewsroomPage
from ..structured_data import VideoOnPage, video_object
from ..topics import Topic
from ..video_pages import embed_path
from ..visibility import published, videos_shown_by
from .stories import NewsStoryPage

VIDEOS_PER_PAGE = 12


class VideoLibraryPage(RoutablePageMixin, NewsroomPage):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    lists_other_pages = True

    class Meta:
        verbose_name = _("video library")

    @classmethod
    def published_in(cls, language):
        """The library of `language` if the public may see it, else None."""
        return published(cls.objects.filter(locale__language_code=language)).first()

    @staticmethod
    def videos():
        return Video.objects.public().with_texts().order_by("-created_at", "-pk")

    def topics(self):
        """The topics of the published stories that show a video, for the topic filter."""
        story_ids = Video.shown_on.through.objects.filter(video__in=self.videos()).values("page_id")
        return Topic.objects.filter(stories__in=story_ids).distinct().named_in(get_language())

    @path("")
    def library(self, request):
        listing, videos = filtered_listing(
            request,
            self.videos(),
            VIDEOS_PER_PAGE,
            topic_lookup="shown_on__newsstorypage__topics__slug",
            date_field="created_at",
        )
        context = {**listing, "videos": videos, "topics": self.topics()}
        return self.render(request, context_overrides=context)

    @path("<int:video_id>/", name="video")
    def video(self, request, video_id):
        video = self.videos().prefetch_related("captions").filter(pk=video_id).first()
        if video is None:
            raise Http404
        # The language links of a video point at the same video in each language's library.
        language = self.locale.language_code
        self.alternates = [
            replace(
                alt,
                url=self.url_of_video(alt.url, video.pk),
                full_url=self.url_of_video(alt.full_url, video.pk),
            )
            for alt in self.alternates
        ]
        context = {
            **self.get_context(request),
            "video": video,
            "text": video.text_in(language),
            "video_url": self.url_of_video(self.url, video.pk),
            "video_full_url": request.build_absolute_uri(self.url_of_video(self.url, video.pk)),
            "structured_data": video_object(
                VideoOnPage(
                    video,
                    language,
                    self.url_of_video(self.url, video.pk),
                    embed_path(video.pk, language),
                ),
                request,
            ),
            "stories": self.stories_showing(video),
        }
        return TemplateResponse(request, "newsroom/video_page.html", context)

    @classmethod
    def url_of_video(cls, library_url, video_id):
        """The address of a video's page in the library at `library_url`, as the route that
        serves it names it (what `reverse_subpage` asks: the routes are the class's, so a
        caller that knows only the library's address needs no library loaded)."""
        return library_url + cls.get_resolver().reverse("video", video_id=video_id)

    def cached_paths_showing(self, page):
        """The library, and the page of each video `page` shows: it lists the stories
        showing that video."""
        return [
            *super().cached_paths_showing(page),
            *(
                self.url_of_video("/", video_id)
                for video_id in sorted(videos_shown_by(page.specific))
            ),
        ]

    @staticmethod
    def stories_showing(video):
        shown_on = Video.shown_on.through.objects.filter(video=video).values("page_id")
        return list(
            NewsStoryPage.objects.published()
            .for_readers_of(get_language())
            .filter(pk__in=shown_on)
            .for_cards()
            .newest_first()[: settings.NEWS_INDEX_PAGE_SIZE]
        )
