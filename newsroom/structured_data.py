"""schema.org descriptions of stories and videos, for search engines and link previews.

Every date carries its time and time zone; the publisher names its address and logo; a story
describes the videos it shows, each in the story's language."""

import json
from dataclasses import dataclass

from django.conf import settings
from django.templatetags.static import static
from django.utils.safestring import mark_safe

LOGO = "img/logo.png"

# The characters that could end a <script> element or start markup inside it.
SCRIPT_SAFE = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def as_json_ld(data):
    """JSON that is safe inside <script type="application/ld+json">: no "</script>" breakout."""
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(SCRIPT_SAFE))


@dataclass(frozen=True)
class VideoOnPage:
    """A public video as a page in one language shows it: its own page and its embed page."""

    video: object
    language: str
    page_url: str
    embed_url: str


def publisher(request, language):
    return {
        "@type": "NewsMediaOrganization",
        "name": settings.WAGTAIL_SITE_NAME,
        "url": request.build_absolute_uri(f"/{language}/"),
        "logo": {"@type": "ImageObject", "url": request.build_absolute_uri(static(LOGO))},
    }


def news_article(story, request, videos=()):
    language = story.locale.language_code
    organisation = publisher(request, language)
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": story.title[:110],
        "description": story.standfirst,
        "datePublished": story.published_moment.isoformat(),
        "dateModified": story.updated_moment.isoformat(),
        "inLanguage": language,
        "mainEntityOfPage": story.get_full_url(request),
        "author": organisation,
        "publisher": organisation,
    }
    if story.place:
        data["locationCreated"] = {"@type": "Place", "name": story.place}
    if story.hero_rendition:
        data["image"] = [request.build_absolute_uri(story.hero_rendition.url)]
    elif story.hero_video and story.hero_video.poster_url:
        data["image"] = [request.build_absolute_uri(story.hero_video.poster_url)]
    keywords = [topic.name for topic in story.topic_list]
    if keywords:
        data["keywords"] = keywords
    if videos:
        data["video"] = [_video_object(shown, request) for shown in videos]
    return as_json_ld(data)


def iso_duration(seconds):
    minutes, seconds = divmod(round(seconds or 0), 60)
    hours, minutes = divmod(minutes, 60)
    return f"PT{hours}H{minutes}M{seconds}S"


def video_object(shown, request):
    return as_json_ld({"@context": "https://schema.org", **_video_object(shown, request)})


def _video_object(shown, request):
    """The video in the words the page shows: its language's, else the original's."""
    video = shown.video
    text = video.text_in(shown.language)
    data = {
        "@type": "VideoObject",
        "name": text.title,
        "description": text.description or text.title,
        "inLanguage": text.language_code,
        "uploadDate": video.created_at.isoformat(),
        "duration": iso_duration(video.duration),
        "contentUrl": request.build_absolute_uri(video.preview_url),
        "embedUrl": request.build_absolute_uri(shown.embed_url),
        "url": request.build_absolute_uri(shown.page_url),
        "isAccessibleForFree": True,
        "publisher": publisher(request, shown.language),
    }
    if video.poster_url:
        data["thumbnailUrl"] = [request.build_absolute_uri(video.poster_url)]
    if video.width and video.height:
        data["width"], data["height"] = video.width, video.height
    if video.recorded_on:
        data["dateCreated"] = video.recorded_on.isoformat()
    if video.location:
        data["contentLocation"] = {"@type": "Place", "name": video.location}
    if video.copyright:
        data["copyrightNotice"] = video.copyright
    if video.credit:
        data["creditText"] = video.credit
    if text.transcript:
        data["transcript"] = text.transcript
    return data
