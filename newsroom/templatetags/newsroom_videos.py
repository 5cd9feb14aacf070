from django import template
from django.utils.translation import get_language

from ..page_base import published
from ..video_library import VideoLibraryPage

register = template.Library()


@register.simple_tag(takes_context=True)
def video_library_url(context):
    """The library of the reader's language, or "" if there is none; looked up once per
    request, however many videos the page shows."""
    request = context.get("request")
    if request is None:
        return ""
    if not hasattr(request, "newsroom_video_library_url"):
        library = published(
            VideoLibraryPage.objects.filter(locale__language_code=get_language())
        ).first()
        request.newsroom_video_library_url = library.get_url(request) if library else ""
    return request.newsroom_video_library_url


@register.simple_tag(takes_context=True)
def video_page_url(context, video):
    """The video's own page in the library of the reader's language, or "" if there is none."""
    library_url = video_library_url(context)
    return f"{library_url}{video.pk}/" if library_url and video else ""
