"""Media RSS (https://www.rssboard.org/media-rss): each feed item names the public files of
its videos (preview, poster, captions) with their size, type, duration and picture size, so
that a video platform or a newsroom system can ingest them without opening the page."""

from dataclasses import dataclass

from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed

from videos.processing import preview_size

MEDIA_NS = "http://search.yahoo.com/mrss/"
PREVIEW_TYPE = "video/mp4"
CAPTIONS_TYPE = "text/vtt"


@dataclass(frozen=True)
class MediaContent:
    """A video as a feed names it, every address absolute."""

    url: str
    file_size: int | None
    duration: int
    width: int | None
    height: int | None
    title: str
    description: str
    thumbnail: str
    subtitles: tuple  # (language code, absolute URL of its WebVTT file)

    @property
    def enclosure(self):
        return Enclosure(self.url, str(self.file_size or 0), PREVIEW_TYPE)


def media_content(video, language, absolute):
    """`video` (public, with its captions prefetched) for a feed in `language`, in that
    language's words where they are translated; `absolute` makes a path into an absolute
    URL."""
    text = video.text_in(language)
    width, height = preview_size(video.width, video.height) if video.width else (None, None)
    return MediaContent(
        url=absolute(video.preview_url),
        file_size=_stored_size(video.preview),
        duration=round(video.duration or 0),
        width=width,
        height=height,
        title=text.title,
        description=text.description or text.title,
        thumbnail=absolute(video.poster_url) if video.poster_url else "",
        subtitles=tuple((track.language, absolute(track.url)) for track in video.captions.all()),
    )


def _stored_size(field_file):
    try:
        return field_file.size
    except OSError:
        # The store is away: the feed still names the file, without its size.
        return None


def write_media(handler, media):
    attributes = {"url": media.url, "type": PREVIEW_TYPE, "medium": "video"}
    if media.file_size:
        attributes["fileSize"] = str(media.file_size)
    if media.duration:
        attributes["duration"] = str(media.duration)
    if media.width and media.height:
        attributes["width"], attributes["height"] = str(media.width), str(media.height)
    handler.startElement("media:content", attributes)
    handler.addQuickElement("media:title", media.title, {"type": "plain"})
    handler.addQuickElement("media:description", media.description, {"type": "plain"})
    if media.thumbnail:
        handler.addQuickElement("media:thumbnail", None, {"url": media.thumbnail})
    for language, url in media.subtitles:
        handler.addQuickElement(
            "media:subTitle", None, {"type": CAPTIONS_TYPE, "lang": language, "href": url}
        )
    handler.endElement("media:content")


class MediaRssFeed(Rss201rev2Feed):
    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:media": MEDIA_NS}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for media in item.get("media", ()):
            write_media(handler, media)


class MediaAtomFeed(Atom1Feed):
    def root_attributes(self):
        return {**super().root_attributes(), "xmlns:media": MEDIA_NS}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for media in item.get("media", ()):
            write_media(handler, media)
