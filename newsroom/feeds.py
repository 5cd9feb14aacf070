"""RSS 2.0 and Atom feeds of the latest public stories of the active locale, and an RSS feed
of its video library, each item carrying its videos as Media RSS (newsroom/media_rss.py).

Every feed and item says who publishes it (RFC 4287 asks an author of every Atom entry) and
is dated by the story's own date, not by when it was loaded."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from videos.models import Video

from .media_rss import MediaAtomFeed, MediaRssFeed, media_content
from .models import NewsStoryPage, VideoLibraryPage
from .topics import give_topic_lists

FEED_LENGTH = 20


@dataclass(frozen=True)
class Readers:
    """Whom a feed is for: its language, and the request that makes its addresses absolute."""

    request: HttpRequest
    language: str

    def absolute(self, path):
        return self.request.build_absolute_uri(path)


class NewsroomFeed(Feed):
    feed_type = MediaRssFeed

    def get_object(self, request, *args, **kwargs):
        return Readers(request, get_language())

    def author_name(self):
        return settings.WAGTAIL_SITE_NAME

    def author_link(self, readers):
        return readers.absolute(f"/{readers.language}/")

    def item_extra_kwargs(self, item):
        return {"media": item.media}

    def item_enclosures(self, item):
        # RSS allows one enclosure an item: the first video's preview.
        return [item.media[0].enclosure] if item.media else []

    def item_categories(self, item):
        return [topic.name for topic in item.topic_list]


class LatestStoriesFeed(NewsroomFeed):
    description = _("The latest news stories.")

    def title(self):
        return _("%(site)s: latest stories") % {"site": settings.WAGTAIL_SITE_NAME}

    def link(self, readers):
        return f"/{readers.language}/"

    def items(self, readers):
        stories = list(
            NewsStoryPage.objects.published()
            .for_readers_of(readers.language)
            .select_related("locale")
            .prefetch_related("topics")
            .newest_first()[:FEED_LENGTH]
        )
        give_topic_lists(stories, readers.language)
        return give_media(stories, readers)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.standfirst

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        return item.published_moment

    def item_updateddate(self, item):
        return item.updated_moment


class LatestStoriesAtomFeed(LatestStoriesFeed):
    feed_type = MediaAtomFeed
    subtitle = LatestStoriesFeed.description


class LatestVideosFeed(NewsroomFeed):
    description = _("The latest videos, free of charge for editorial use.")

    def get_object(self, request, *args, **kwargs):
        readers = super().get_object(request)
        library = VideoLibraryPage.published_in(readers.language)
        if library is None:
            raise Http404
        return VideoFeedReaders(request, readers.language, library.get_url(request))

    def title(self):
        return _("%(site)s: latest videos") % {"site": settings.WAGTAIL_SITE_NAME}

    def link(self, readers):
        return readers.library_url

    def items(self, readers):
        videos = list(VideoLibraryPage.videos().prefetch_related("captions")[:FEED_LENGTH])
        give_topics_of_their_stories(videos, readers.language)
        for video in videos:
            video.media = [media_content(video, readers.language, readers.absolute)]
            video.page_url = VideoLibraryPage.url_of_video(readers.library_url, video.pk)
        return videos

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.description or item.title

    def item_link(self, item):
        return item.page_url

    def item_pubdate(self, item):
        return item.created_at


@dataclass(frozen=True)
class VideoFeedReaders(Readers):
    library_url: str


def give_media(stories, readers):
    """Sets each story's `media`: its public videos, the hero first, with one query for all."""
    shown = {story.pk: story.shown_video_ids() for story in stories}
    wanted = {video_id for video_ids in shown.values() for video_id in video_ids}
    videos = Video.objects.public().filter(pk__in=wanted).with_texts().prefetch_related("captions")
    media = {video.pk: media_content(video, readers.language, readers.absolute) for video in videos}
    for story in stories:
        story.media = [media[video_id] for video_id in shown[story.pk] if video_id in media]
    return stories


def give_topics_of_their_stories(videos, language):
    """Sets each video's `topic_list`: the topics of the public stories showing it, named in
    `language`, with three queries for all."""
    rows = list(
        Video.shown_on.through.objects.filter(video__in=videos).values_list("video_id", "page_id")
    )
    stories = give_topic_lists(
        list(
            NewsStoryPage.objects.published()
            .filter(pk__in={page_id for _video_id, page_id in rows})
            .prefetch_related("topics")
        ),
        language,
    )
    topics_by_story = {story.pk: story.topic_list for story in stories}
    for video in videos:
        topics = {
            topic
            for video_id, page_id in rows
            if video_id == video.pk
            for topic in topics_by_story.get(page_id, ())
        }
        video.topic_list = sorted(topics, key=lambda topic: topic.name.casefold())
