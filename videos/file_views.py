"""A video's preview, poster and captions, to whoever may see them: everyone once the video is
public (`Video.objects.public()`, the one rule), and staff who passed the admin's second factor
before that, for the admin's previews. To anyone else a video that is not public has no files:
404, as for an address that never existed.

The files are in the private storage; videos/delivery.py hands them over the way the masters
go (nginx, the object store or Django itself). A public video's files may be kept by browsers
and the CDN as pages are (PUBLIC_CACHE_MAX_AGE, CDN_CACHE_MAX_AGE): their addresses carry the
file's name, which changes when a file is made again, and the CDN forgets them when the video
stops being public (newsroom/visibility.py).
"""

import logging
import mimetypes

from django.conf import settings
from django.http import Http404, HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from users.two_factor import has_admin_access

from .chapters import chapters_file_name, chapters_webvtt
from .delivery import stored_file_response
from .models import CaptionTrack, Video

logger = logging.getLogger(__name__)
RETRY_AFTER_SECONDS = 120
POSTER_TYPES = {"image/jpeg", "image/png", "image/gif", "image/webp"}


@require_safe
def preview(request, pk, name):
    video, public = _video_for(request, pk)
    return _file(request, video.preview, name, "video/mp4", public)


@require_safe
def poster(request, pk, name):
    video, public = _video_for(request, pk)
    return _file(request, video.thumbnail, name, _poster_type(video.thumbnail.name), public)


@require_safe
def captions(request, pk, language, name):
    video, public = _video_for(request, pk)
    track = CaptionTrack.objects.filter(video=video, language=language).first()
    if track is None:
        raise Http404
    return _file(request, track.file, name, "text/vtt; charset=utf-8", public)


@require_safe
def chapters(request, pk, name):
    """The shot list as a WebVTT chapters track, made from the video's row: its name changes
    with the shot list, as a stored file's does when it is made again."""
    video, public = _video_for(request, pk)
    if name != chapters_file_name(video):
        raise Http404
    response = HttpResponse(chapters_webvtt(video), content_type="text/vtt; charset=utf-8")
    return _cached(response, public)


def _poster_type(name):
    """Processing makes a JPEG; an editor may upload another picture. Anything else is sent as
    bytes, so that no browser runs it."""
    guessed, _encoding = mimetypes.guess_type(name)
    return guessed if guessed in POSTER_TYPES else "application/octet-stream"


def _video_for(request, pk):
    """The video and whether it is public; Http404 for a video this request may not see."""
    video = Video.objects.public().filter(pk=pk).first()
    if video is not None:
        return video, True
    if has_admin_access(request.user) and request.user.is_verified():
        video = Video.objects.filter(pk=pk).first()
        if video is not None:
            return video, False
    raise Http404


def _file(request, field_file, name, content_type, public):
    if not field_file or field_file.name.rsplit("/", 1)[-1] != name:
        raise Http404
    try:
        response, keep_at_most = stored_file_response(request, field_file, content_type)
    except FileNotFoundError as missing:
        raise Http404 from missing
    except OSError:
        logger.exception("The file %s could not be reached", field_file.name)
        response = HttpResponse(
            _("This file cannot be reached just now. Try again in a few minutes."),
            status=503,
            content_type="text/plain; charset=utf-8",
        )
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        public, keep_at_most = False, None
    return _cached(response, public, keep_at_most)


def _cached(response, public, keep_at_most=None):
    if public and settings.PUBLIC_CACHE_MAX_AGE > 0:
        browsers = settings.PUBLIC_CACHE_MAX_AGE
        cdn = max(settings.CDN_CACHE_MAX_AGE, browsers)
        if keep_at_most is not None:
            browsers, cdn = min(browsers, keep_at_most), min(cdn, keep_at_most)
        patch_cache_control(response, public=True, max_age=browsers, s_maxage=cdn)
    else:
        patch_cache_control(response, private=True, no_store=True)
    return response
