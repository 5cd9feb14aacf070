from django import template
from django.utils.translation import get_language

from ..fragment_cache import content_version, fragment_cache
from ..models import NewsIndexPage
from ..page_base import published
from ..video_library import VideoLibraryPage

register = template.Library()


@register.simple_tag(takes_context=True)
def video_library_url(context):
    """The library of the reader's language, or "" if there is none."""
    return _section_url(context, VideoLibraryPage)


@register.simple_tag(takes_context=True)
def news_index_url(context):
    """The news index of the reader's language, or "" if there is none: the same on a story,
    the library, a video, the search or an account page, none of which has to know it. A
    page that knows its news index (a story, routed through it) gives it without a query."""
    news_index = getattr(context.get("page"), "news_index", None)
    if news_index is not None:
        return news_index.get_url(context.get("request"))
    return _section_url(context, NewsIndexPage)


def _section_url(context, page_model):
    """The URL of the published `page_model` of the reader's language. Every page's header
    links to it, so it is cached until content changes, and read once per request however
    often the page names it."""
    request = context.get("request")
    if request is None:
        return ""
    known = request.__dict__.setdefault("newsroom_section_urls", {})
    if page_model not in known:
        language = get_language()
        key = f"newsroom:section-url:{page_model._meta.label_lower}:{language}:{content_version()}"
        known[page_model] = fragment_cache().get_or_set(
            key, lambda: _published_url(page_model, language, request)
        )
    return known[page_model]


def _published_url(page_model, language, request):
    page = published(page_model.objects.filter(locale__language_code=language)).first()
    return page.get_url(request) if page else ""


@register.simple_tag(takes_context=True)
def video_page_url(context, video):
    """The video's own page in the library of the reader's language, or "" if there is none."""
    library_url = video_library_url(context)
    return f"{library_url}{video.pk}/" if library_url and video else ""
