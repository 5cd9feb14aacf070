from django import template
from django.utils.translation import get_language

from ..fragment_cache import content_version, fragment_cache
from ..page_base import published
from ..video_library import VideoLibraryPage

register = template.Library()


@register.simple_tag(takes_context=True)
def video_library_url(context):
    """The library of the reader's language, or "" if there is none. Every page's header links
    to it, so it is cached until content changes, and read once per request however many
    videos the page shows."""
    request = context.get("request")
    if request is None:
        return ""
    if not hasattr(request, "newsroom_video_library_url"):
        language = get_language()
        key = f"newsroom:video-library-url:{language}:{content_version()}"
        request.newsroom_video_library_url = fragment_cache().get_or_set(
            key, lambda: _library_url(language, request)
        )
    return request.newsroom_video_library_url


def _library_url(language, request):
    library = published(VideoLibraryPage.objects.filter(locale__language_code=language)).first()
    return library.get_url(request) if library else ""


@register.simple_tag(takes_context=True)
def video_page_url(context, video):
    """The video's own page in the library of the reader's language, or "" if there is none."""
    library_url = video_library_url(context)
    return f"{library_url}{video.pk}/" if library_url and video else ""
