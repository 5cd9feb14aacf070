"""The addresses newsrooms ingest from: ninjs and NewsML-G2 per story and video, and paged,
filterable ninjs listings, each in the language of its URL.

Every answer carries an ETag (a digest of the bytes sent, so it changes exactly when they do)
and Last-Modified (when public content last changed on the site), and a conditional GET that
matches is answered 304 with no body. Whatever is asked, a bad parameter gets 400 and an item
the public may not see 404, both as JSON saying why: never a 500."""

import hashlib
import json

from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.translation import get_language, gettext
from django.views.decorators.http import require_safe

from . import newsml, ninjs
from .delivery import (
    DEFAULT_LIMIT,
    LARGEST_ID,
    Batch,
    ListingQuery,
    filter_stories,
    filter_videos,
    public_stories,
    public_videos,
)
from .fragment_cache import content_changed_at


def json_error(status, message, errors=None):
    body = {"status": status, "message": message}
    if errors:
        body["errors"] = errors
    return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})


def not_found(kind):
    messages = {
        "story": gettext("No public story has this id in this language."),
        "video": gettext("No public video has this id."),
    }
    return json_error(404, messages[kind])


def conditional(request, content, content_type):
    """The response, or 304 when the client's copy is still this one."""
    etag = '"' + hashlib.sha256(content).hexdigest()[:32] + '"'
    # HTTP dates have whole seconds: a fraction would make every copy look out of date.
    last_modified = int(content_changed_at().timestamp())
    unchanged = get_conditional_response(request, etag=etag, last_modified=last_modified)
    response = unchanged or HttpResponse(content, content_type=content_type)
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    response["Vary"] = "Accept-Encoding"
    return response


def as_json(document):
    return json.dumps(document, ensure_ascii=False, indent=2).encode()


def _story(request, pk):
    if pk > LARGEST_ID:
        return None
    return public_stories(get_language()).filter(pk=pk).first()


def _video(pk):
    if pk > LARGEST_ID:
        return None
    return public_videos().filter(pk=pk).first()


@require_safe
def ninjs_story(request, pk):
    story = _story(request, pk)
    if story is None:
        return not_found("story")
    batch = Batch(request, get_language(), stories=[story])
    return conditional(request, as_json(ninjs.story_document(story, batch)), ninjs.CONTENT_TYPE)


@require_safe
def ninjs_video(request, pk):
    video = _video(pk)
    if video is None:
        return not_found("video")
    batch = Batch(request, get_language(), videos=[video])
    return conditional(request, as_json(ninjs.video_document(video, batch)), ninjs.CONTENT_TYPE)


@require_safe
def newsml_story(request, pk):
    story = _story(request, pk)
    if story is None:
        return not_found("story")
    batch = Batch(request, get_language(), stories=[story])
    return conditional(request, newsml.story_item(story, batch), newsml.CONTENT_TYPE)


@require_safe
def newsml_video(request, pk):
    video = _video(pk)
    if video is None:
        return not_found("video")
    batch = Batch(request, get_language(), videos=[video])
    return conditional(request, newsml.video_item(video, batch), newsml.CONTENT_TYPE)


@require_safe
def newsml_package(request, pk):
    story = _story(request, pk)
    if story is None:
        return not_found("story")
    batch = Batch(request, get_language(), stories=[story])
    if len(batch.videos_of(story)) < 2:
        return json_error(
            404, gettext("This story holds fewer than two videos: its newsItem is all there is.")
        )
    return conditional(request, newsml.package_item(story, batch), newsml.PACKAGE_CONTENT_TYPE)


def _listing(request, items, make_batch, document):
    query = ListingQuery(request.GET)
    if not query.is_valid():
        return json_error(400, gettext("These parameters cannot be used."), query.errors_as_json())
    limit = query.cleaned_data["limit"] or DEFAULT_LIMIT
    number = query.cleaned_data["page"] or 1
    paginator = Paginator(items(query.cleaned_data), limit)
    if number > paginator.num_pages:
        return json_error(
            400,
            gettext("There is no page %(number)d: the last is %(last)d.")
            % {"number": number, "last": paginator.num_pages},
            {
                "page": [
                    gettext("Ask for a page from 1 to %(last)d.") % {"last": paginator.num_pages}
                ]
            },
        )
    page = paginator.page(number)
    entries = list(page.object_list)
    batch = make_batch(entries)
    body = {
        "count": paginator.count,
        "page": number,
        "pages": paginator.num_pages,
        "limit": limit,
        "next": _page_link(request, number + 1) if page.has_next() else None,
        "previous": _page_link(request, number - 1) if page.has_previous() else None,
        "items": [document(entry, batch) for entry in entries],
    }
    return conditional(request, as_json(body), ninjs.CONTENT_TYPE)


def _page_link(request, number):
    query = request.GET.copy()
    query["page"] = number
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


@require_safe
def ninjs_stories(request):
    language = get_language()
    return _listing(
        request,
        lambda query: filter_stories(public_stories(language), query),
        lambda stories: Batch(request, language, stories=stories),
        ninjs.story_document,
    )


@require_safe
def ninjs_videos(request):
    language = get_language()
    return _listing(
        request,
        lambda query: filter_videos(public_videos(), query),
        lambda videos: Batch(request, language, videos=videos),
        ninjs.video_document,
    )
