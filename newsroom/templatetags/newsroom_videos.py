from django import template
from django.utils.translation import get_language

from ..embedding import oembed_link
from ..models import NewsIndexPage, VideoLibraryPage
from ..sections import section_url

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
    request = context.get("request")
    return section_url(page_model, get_language(), request) if request is not None else ""


@register.simple_tag(takes_context=True)
def video_page_url(context, video):
    """The video's own page in the library of the reader's language, or "" if there is none."""
    library_url = video_library_url(context)
    return VideoLibraryPage.url_of_video(library_url, video.pk) if library_url and video else ""


@register.simple_tag(takes_context=True)
def oembed_url(context, page_url):
    """Where an oEmbed consumer asks how to embed the page at `page_url`."""
    return oembed_link(context["request"], page_url)
