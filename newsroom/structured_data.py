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
