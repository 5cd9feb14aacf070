"""Other sites embed our videos: an oEmbed provider (https://oembed.com/) that answers for the
address of a video's page, of a story showing a video or of the player itself, and the player
they frame, one per video and language.

Only what the public may see is answered for: a page by `page_base.published`, a video by
`Video.objects.public()`. Anything else is "not found", as an address that never existed.
The player is the one page other sites may frame (cms/security_headers.py); it sets no cookie,
so a reader is not tracked from one site embedding it to another.
"""

import math
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.http import Http404, JsonResponse
from django.template.response import TemplateResponse
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from wagtail.models import Page, Site

from videos.chapters import chapters, chapters_url
from videos.models import Video
from videos.processing import preview_size

from .models import NewsStoryPage, VideoLibraryPage
from .video_pages import embed_path
from .visibility import published

DEFAULT_SIZE = (640, 360)
# The player's bar under the picture: the transcript and chapters button.
BAR_HEIGHT = 48
LARGEST_SIZE = 10_000
URL_LONGEST = 2048


@dataclass(frozen=True)
class Embeddable:
    video: Video
    language: str


def oembed_link(request, page_url):
    """The discovery link's address for a page at `page_url` (absolute)."""
    query = urlencode({"url": page_url, "format": "json"})
    return request.build_absolute_uri(f"/oembed?{query}")


@require_safe
def oembed(request):
    try:
        maxwidth = _size(request.GET.get("maxwidth"))
        maxheight = _size(request.GET.get("maxheight"))
    except ValueError:
        return _error(
            400, _("maxwidth and maxheight must be whole numbers of pixels, from 1 to 10000.")
        )
    url = request.GET.get("url", "")
    if not url or len(url) > URL_LONGEST:
        return _error(400, _("Give the address of a video or a story in the url parameter."))
    if request.GET.get("format", "json") != "json":
        return _error(501, _("Only the json format is offered."))
    found = _embeddable_at(request, url)
    if found is None:
        return _error(404, _("There is no public video at this address."))
    return JsonResponse(_answer(request, found, maxwidth, maxheight))


@require_safe
def embed(request, video_id):
    video = Video.objects.public().prefetch_related("captions").filter(pk=video_id).first()
    if video is None:
        raise Http404
    context = {
        "video": video,
        "text": video.text_in(translation.get_language()),
        "chapters": chapters(video),
        "chapters_url": chapters_url(video),
        "page_url": _video_page_url(request, video, translation.get_language()),
    }
    return TemplateResponse(request, "newsroom/embed.html", context)


def _size(value):
    if value in (None, ""):
        return None
    if not value.isascii() or not value.isdigit() or not 0 < int(value) <= LARGEST_SIZE:
        raise ValueError(value)
    return int(value)


def _error(status, message):
    return JsonResponse({"error": message}, status=status)


def _embeddable_at(request, url):
    """The public video that the page at `url` shows, in that page's language, or None."""
    try:
        parts = urlsplit(url)
        hostname = parts.hostname
    except ValueError:  # Such as an IPv6 address with no closing bracket.
        return None
    if parts.scheme not in ("http", "https") or not _is_this_site(request, hostname):
        return None
    components = [component for component in parts.path.split("/") if component]
    languages = {code for code, _name in settings.LANGUAGES}
    if not components or components[0] not in languages:
        return None
    language = components[0]
    with translation.override(language):
        try:
            match = resolve(parts.path)
        except Resolver404:
            return None
        if match.url_name == "video_embed":
            return _public(match.kwargs["video_id"], language)
        if match.url_name != "wagtail_serve":
            return None
        return _shown_on_page(request, components[1:], language)


def _is_this_site(request, hostname):
    if not hostname:
        return False
    hostname = hostname.lower()
    if hostname == request.get_host().rsplit(":", 1)[0].lower():
        return True
    return Site.objects.filter(hostname__iexact=hostname).exists()


def _shown_on_page(request, components, language):
    site = Site.find_for_request(request)
    if site is None:
        return None
    try:
        page, args, _kwargs = site.root_page.localized.specific.route(request, components)
    except Http404:
        return None
    if not published(Page.objects.filter(pk=page.pk)).exists():
        return None
    if isinstance(page, VideoLibraryPage) and args:
        _view, _view_args, view_kwargs = args
        video_id = view_kwargs.get("video_id")
        return _public(video_id, language) if video_id else None
    if isinstance(page, NewsStoryPage):
        videos = page.public_videos
        return Embeddable(videos[0], language) if videos else None
    return None


def _public(video_id, language):
    video = Video.objects.public().filter(pk=video_id).first()
    return Embeddable(video, language) if video else None


def _answer(request, found, maxwidth, maxheight):
    video = found.video
    natural = preview_size(video.width, video.height) if video.width else DEFAULT_SIZE
    width, height = _fitted(natural, maxwidth, maxheight)
    with translation.override(found.language):
        player = request.build_absolute_uri(embed_path(video.pk, found.language))
        text = video.text_in(found.language)
        title = _("Video: %(title)s") % {"title": text.title}
    answer = {
        "version": "1.0",
        "type": "video",
        "title": text.title,
        "provider_name": settings.WAGTAIL_SITE_NAME,
        "provider_url": request.build_absolute_uri(f"/{found.language}/"),
        "width": width,
        "height": height,
        "html": format_html(
            '<iframe src="{}" width="{}" height="{}" title="{}" '
            'allow="fullscreen; picture-in-picture" allowfullscreen loading="lazy" '
            'style="border:0"></iframe>',
            player,
            width,
            height,
            title,
        ),
    }
    if video.credit:
        answer["author_name"] = video.credit
    fits = (maxwidth is None or natural[0] <= maxwidth) and (
        maxheight is None or natural[1] <= maxheight
    )
    if video.poster_url and fits:
        answer["thumbnail_url"] = request.build_absolute_uri(video.poster_url)
        answer["thumbnail_width"], answer["thumbnail_height"] = natural
    return answer


def _fitted(natural, maxwidth, maxheight):
    """The player's size: the picture at its own size, or smaller to fit the consumer's
    limits, keeping its shape, with the bar under it."""
    picture_width, picture_height = natural
    scale = 1.0
    if maxwidth is not None:
        scale = min(scale, maxwidth / picture_width)
    if maxheight is not None:
        scale = min(scale, max(maxheight - BAR_HEIGHT, 1) / picture_height)
    width = max(1, math.floor(picture_width * scale))
    height = max(1, math.floor(picture_height * scale)) + BAR_HEIGHT
    if maxheight is not None:
        height = min(height, maxheight)
    return width, height


def _video_page_url(request, video, language):
    library = VideoLibraryPage.published_in(language)
    if library is None:
        return ""
    return request.build_absolute_uri(library.url_of_video(library.get_url(request), video.pk))
