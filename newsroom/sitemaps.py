"""One sitemap for every locale, each page declaring its translations as hreflang alternates,
and each video's page in every library described with Google's video sitemap extension."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from wagtail.models import Page

from .models import VideoLibraryPage
from .video_pages import embed_path
from .visibility import published

# Google's video sitemaps take durations from 1 second to 8 hours.
LONGEST_VIDEO_SECONDS = 8 * 60 * 60


class TranslatedSitemap(Sitemap):
    """Items of one `translation_key` are one another's translations."""

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        translations = defaultdict(list)
        for url in urls:
            translations[self.translation_key(url["item"])].append(url)
        for url in urls:
            group = translations[self.translation_key(url["item"])]
            url["alternates"] = [
                {"lang_code": self.language(other["item"]), "location": other["location"]}
                for other in group
            ]
            default = next(
                (
                    other
                    for other in group
                    if self.language(other["item"]) == settings.LANGUAGE_CODE
                ),
                None,
            )
            if default and len(group) > 1:
                url["alternates"].append(
                    {"lang_code": "x-default", "location": default["location"]}
                )
        return urls


class PublishedPagesSitemap(TranslatedSitemap):
    def items(self):
        return list(
            published(Page.objects.filter(depth__gt=1))
            .select_related("locale")
            .order_by("path", "locale__language_code")
        )

    def location(self, page):
        return page.url

    def lastmod(self, page):
        return page.last_published_at

    @staticmethod
    def translation_key(page):
        return page.translation_key

    @staticmethod
    def language(page):
        return page.locale.language_code


@dataclass(frozen=True)
class VideoInLibrary:
    video: object
    library: VideoLibraryPage

    @property
    def path(self):
        return VideoLibraryPage.url_of_video(self.library.url, self.video.pk)


@dataclass(frozen=True)
class VideoEntry:
    """A `video:video` element, every address absolute."""

    thumbnail: str
    title: str
    description: str
    content: str
    player: str
    duration: int | None
    published: datetime


class VideoPagesSitemap(TranslatedSitemap):
    """The page of each public video in every published library. A video with no poster is
    left out: the extension requires a thumbnail."""

    def items(self):
        libraries = list(published(VideoLibraryPage.objects.all()).select_related("locale"))
        videos = [video for video in VideoLibraryPage.videos() if video.poster_url]
        return [VideoInLibrary(video, library) for library in libraries for video in videos]

    def location(self, shown):
        return shown.path

    @staticmethod
    def translation_key(shown):
        return shown.video.pk

    @staticmethod
    def language(shown):
        return shown.library.locale.language_code

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        for url in urls:
            origin = url["location"][: -len(url["item"].path)]
            url["video"] = video_entry(url["item"], origin)
        return urls


def video_entry(shown, origin):
    video = shown.video
    text = video.text_in(shown.library.locale.language_code)
    duration = round(video.duration or 0)
    return VideoEntry(
        thumbnail=origin + video.poster_url,
        title=text.title,
        description=text.description or text.title,
        content=origin + video.preview_url,
        player=origin + embed_path(video.pk, shown.library.locale.language_code),
        duration=min(duration, LONGEST_VIDEO_SECONDS) if duration >= 1 else None,
        published=video.created_at,
    )
