"""Sending a master to someone allowed to have it.

In production something else sends the bytes. With the masters in object storage, the response
is a redirect to a signed address of the object that works for a few minutes
(MASTER_DOWNLOAD_URL_SECONDS), and the store answers ranges itself. With the masters on the web
server's disk, the response only names the file, by X-Accel-Redirect (django-sendfile2's nginx
backend), and nginx serves it from an `internal` location, ranges included. In the embedded
default Django streams the file itself, in constant memory and with single HTTP ranges, so a
broken download can resume.

A video's preview, poster and captions go the same ways (`stored_file_response`), shown inline
rather than as attachments, and with the signed address lasting VIDEO_FILE_URL_SECONDS, long
enough for a player to seek in a preview it started.

A store that cannot be reached raises OSError before any response is made, so that the view
can say so and log nothing.
"""

import re
from dataclasses import dataclass

from django.conf import settings
from django.http import FileResponse, HttpResponse, HttpResponseRedirect
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django_sendfile import sendfile

from .storage import in_object_storage

BLOCK_BYTES = 1024 * 1024
SINGLE_RANGE = re.compile(r"^bytes=(?P<start>\d*)-(?P<end>\d*)$")


class UnsatisfiableRange(Exception):
    """The Range header cannot be served; the message tells the client what to ask instead."""


@dataclass(frozen=True)
class ByteRange:
    start: int
    end: int  # inclusive, as in Content-Range

    @property
    def length(self):
        return self.end - self.start + 1


def requested_range(header, size):
    """The one range asked for, or None for the whole file.

    A range in another unit is ignored, as RFC 9110 asks. Malformed, multiple and
    unsatisfiable ranges are refused with 416 rather than guessed at: a resuming download
    asks for exactly one range, and answering many overlapping ones would let a client make
    the server read the file many times over."""
    header = (header or "").strip()
    if not header or not header.lower().startswith("bytes="):
        return None
    if "," in header:
        raise UnsatisfiableRange(_("Ask for one byte range at a time, e.g. “bytes=1000-”."))
    match = SINGLE_RANGE.match(header.replace(" ", ""))
    if match is None or not (match["start"] or match["end"]):
        raise UnsatisfiableRange(
            _("This Range header could not be read. Use the form “bytes=start-end”.")
        )
    if not match["start"]:
        suffix = int(match["end"])
        if suffix == 0 or size == 0:
            raise UnsatisfiableRange(_("The requested range is empty."))
        return ByteRange(max(0, size - suffix), size - 1)
    start = int(match["start"])
    end = int(match["end"]) if match["end"] else size - 1
    if match["end"] and end < start:
        raise UnsatisfiableRange(_("The range ends before it starts."))
    if start >= size:
        raise UnsatisfiableRange(
            _("The file is %(size)d bytes long; the range starts beyond its end.") % {"size": size}
        )
    return ByteRange(start, min(end, size - 1))


class RangeReader:
    """Reads `length` bytes of an open file from where it stands, then stops.

    It deliberately has no fileno(): a WSGI server's sendfile() would send the whole rest of
    the file, not the range."""

    def __init__(self, file, length):
        self.file, self.remaining = file, length

    def read(self, size=-1):
        if self.remaining <= 0:
            return b""
        size = self.remaining if size is None or size < 0 else min(size, self.remaining)
        data = self.file.read(size)
        self.remaining -= len(data)
        return data

    def close(self):
        self.file.close()


def master_response(request, video):
    """The master as an attachment named after the video, and, when this request starts a
    download rather than resuming one, the number of bytes it serves (else None)."""
    if in_object_storage(video.file):
        return _signed_redirect(request, video)
    if settings.DOWNLOADS_BY_X_ACCEL:
        response = sendfile(
            request,
            video.file.path,
            attachment=True,
            attachment_filename=video.download_filename,
            mimetype="application/octet-stream",
        )
        response["Cache-Control"] = "private, no-store"
        return response, _size_of_new_download(request, video.file_size or video.file.size)
    return _streamed_response(request, video)


def _signed_redirect(request, video):
    """A 302 to the object, signed for MASTER_DOWNLOAD_URL_SECONDS, that the store answers as an
    attachment named after the video. Asking the store for the size first is what tells a
    store that is down from one that is up, before anything is promised or logged."""
    storage = video.file.storage
    size = storage.size(video.file.name)
    address = storage.url(
        video.file.name,
        parameters={
            "ResponseContentDisposition": content_disposition_header(True, video.download_filename),
            "ResponseContentType": "application/octet-stream",
        },
        expire=settings.MASTER_DOWNLOAD_URL_SECONDS,
    )
    response = HttpResponseRedirect(address)
    response["Cache-Control"] = "private, no-store"
    return response, _size_of_new_download(request, size)


def _size_of_new_download(request, size):
    """nginx or the store answers the Range itself; the log still tells a new download from a
    resumed one."""
    if request.method != "GET":
        return None
    try:
        byte_range = requested_range(request.headers.get("Range"), size)
    except UnsatisfiableRange:
        return None
    if byte_range is None:
        return size
    return byte_range.length if byte_range.start == 0 else None


def stored_file_response(request, field_file, content_type):
    """A file of the private storage, shown inline, and the longest a cache may keep the
    answer (None: as long as it likes), since a signed address expires."""
    if in_object_storage(field_file):
        expire = settings.VIDEO_FILE_URL_SECONDS
        address = field_file.storage.url(
            field_file.name, parameters={"ResponseContentType": content_type}, expire=expire
        )
        return HttpResponseRedirect(address), expire // 2
    if settings.DOWNLOADS_BY_X_ACCEL:
        return sendfile(request, field_file.path, mimetype=content_type), None
    response, _byte_range = _ranged_response(
        request, field_file, size=field_file.size, content_type=content_type
    )
    return response, None


def _streamed_response(request, video):
    etag = f'"{video.sha256}"' if video.sha256 else None
    response, byte_range = _ranged_response(
        request,
        video.file,
        size=video.file.size,
        content_type="application/octet-stream",
        etag=etag,
    )
    if response.status_code == 416:
        return response, None
    response["Content-Disposition"] = content_disposition_header(True, video.download_filename)
    response["Cache-Control"] = "private, no-store"
    length = int(response["Content-Length"])
    starts_a_download = request.method == "GET" and (byte_range is None or byte_range.start == 0)
    return response, length if starts_a_download else None


def _ranged_response(request, field_file, *, size, content_type, etag=None):
    """The file, or the one range asked for, streamed in constant memory; and that range."""
    byte_range = None
    if etag is None or request.headers.get("If-Range", etag) == etag:
        try:
            byte_range = requested_range(request.headers.get("Range"), size)
        except UnsatisfiableRange as problem:
            response = HttpResponse(
                str(problem), status=416, content_type="text/plain; charset=utf-8"
            )
            response["Content-Range"] = f"bytes */{size}"
            return response, None
    length = byte_range.length if byte_range else size
    if request.method == "HEAD":
        response = HttpResponse(status=206 if byte_range else 200)
    else:
        stored = field_file.open("rb")
        if byte_range:
            stored.seek(byte_range.start)
        response = FileResponse(RangeReader(stored, length), status=206 if byte_range else 200)
        response.block_size = BLOCK_BYTES
    response["Content-Type"] = content_type
    response["Content-Length"] = str(length)
    response["Accept-Ranges"] = "bytes"
    if etag:
        response["ETag"] = etag
    if byte_range:
        response["Content-Range"] = f"bytes {byte_range.start}-{byte_range.end}/{size}"
    return response, byte_range
