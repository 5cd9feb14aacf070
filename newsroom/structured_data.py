"""schema.org descriptions of stories, for search engines and link previews."""

import json

from django.conf import settings
from django.utils.safestring import mark_safe

# The characters that could end a <script> element or start markup inside it.
SCRIPT_SAFE = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def as_json_ld(data):
    """JSON that is safe inside <script type="application/ld+json">: no "</script>" breakout."""
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(SCRIPT_SAFE))


def news_article(story, request):
    publisher = {"@type": "NewsMediaOrganization", "name": settings.WAGTAIL_SITE_NAME}
    modified = story.last_published_at or story.latest_revision_created_at
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": story.title[:110],
        "description": story.standfirst,
        "datePublished": story.date.isoformat(),
        "dateModified": modified.isoformat() if modified else story.date.isoformat(),
        "inLanguage": story.locale.language_code,
        "mainEntityOfPage": story.get_full_url(request),
        "author": publisher,
        "publisher": publisher,
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
    return as_json_ld(data)


def iso_duration(seconds):
    minutes, seconds = divmod(round(seconds or 0), 60)
    hours, minutes = divmod(minutes, 60)
    return f"PT{hours}H{minutes}M{seconds}S"


def video_object(video, request, page_url):
    data = {
        "@context": "https://schema.org",
        "@type": "VideoObject",
        "name": video.title,
        "description": video.description or video.title,
        "uploadDate": video.created_at.isoformat(),
        "duration": iso_duration(video.duration),
        "contentUrl": request.build_absolute_uri(video.preview_url),
        "url": page_url,
        "isAccessibleForFree": True,
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
    if video.transcript:
        data["transcript"] = video.transcript
    return as_json_ld(data)
