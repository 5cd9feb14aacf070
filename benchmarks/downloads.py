"""Downloads of broadcast masters, served both ways the site can serve them.

- Production: the view checks the person and names the file to nginx (X-Accel-Redirect); its
  time per request, in-process, is all Django spends on a download of any size.
- The embedded mode: the gunicorn worker streams the master itself. A 1 GiB master is read on
  loopback whole, then resumed from half-way with a Range; how fast, and how much the worker's
  memory grows meanwhile, which must not follow the size of the file.
"""

import contextlib
import dataclasses
import http.client
import statistics
import time
from pathlib import Path

from benchmarks.environment import setup_django
from benchmarks.gunicorn_server import HOST, gunicorn_server
from benchmarks.memory import with_peak_memory_growth
from benchmarks.report import report_against_target

SERVER_SETTINGS = "benchmarks.settings"
HANDOFF_REQUESTS = 200
MASTER_BYTES = 1024**3
READ_CHUNK_BYTES = 1024 * 1024
READ_TIMEOUT_SECONDS = 120
NGINX_INTERNAL_URL = "/private-downloads"
# Processing would compute the master's SHA-256; the benchmark's master is not processed, and
# nothing checks the digest against the bytes. It only makes the ETag that If-Range quotes.
STAND_IN_SHA256 = "0" * 64

# The targets, in docs/PERFORMANCE.md.
HANDOFF_TARGET_MS = 5
STREAM_TARGET_MB_PER_S = 300
WORKER_GROWTH_TARGET_MB = 50


def downloader():
    """Someone the view lets download: logged in, email address verified, current terms
    accepted."""
    from allauth.account.models import EmailAddress

    from tests.factories import UserFactory

    user = UserFactory()
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    user.terms_version = _current_terms().version
    user.save(update_fields=["terms_version"])
    return user


def _current_terms():
    """The published terms of use, published first if there are none: on the real site there
    always are, and every download compares them with the ones the person accepted."""
    from wagtail.models import Locale

    from home.demo.loader import ensure_terms
    from home.models import HomePage
    from users.models import TermsOfUsePage

    if TermsOfUsePage.current() is None:
        home = HomePage.objects.get(depth=2, locale=Locale.get_default())
        ensure_terms(home, log=lambda *args: None)
    # Read again: the version names the live revision, which publishing sets on another copy.
    return TermsOfUsePage.current()


@contextlib.contextmanager
def public_video(master_bytes):
    """A processed video with a master of `master_bytes`, shown on a published story; the
    master is deleted afterwards. It is a sparse file, zeros that take no disk: what is
    measured is serving the file, not the disk, and a 1 GiB one is made at once."""
    from django.core.files.storage import storages

    storage = storages["private"]
    name = storage.get_available_name("masters/benchmark/master.mxf")
    master = Path(storage.path(name))
    master.parent.mkdir(parents=True, exist_ok=True)
    with master.open("wb") as file:
        file.truncate(master_bytes)
    try:
        video = _processed_video(name, master_bytes)
        _show_on_a_published_story(video)
        yield video
    finally:
        master.unlink()


def _processed_video(master_name, size):
    """The row processing would have left behind. bulk_create, because save() would queue
    the stand-in master for processing."""
    from django.core.files.base import ContentFile
    from wagtailmedia.models import MediaType

    from videos.models import Video

    video = Video(
        title="Benchmark download",
        type=MediaType.VIDEO,
        file=master_name,
        status=Video.Status.READY,
        progress=100,
        file_size=size,
        sha256=STAND_IN_SHA256,
    )
    video.preview.save("benchmark-preview.mp4", ContentFile(b"preview"), save=False)
    Video.objects.bulk_create([video])
    return Video.objects.get(pk=video.pk)


def _show_on_a_published_story(video):
    """Publishing the story records it in `Video.shown_on`, as for any story with a video."""
    from tests.factories import StoryFactory, publish
    from videos.models import Video

    publish(StoryFactory(body=[{"type": "video", "value": {"video": video.pk, "caption": ""}}]))
    if not Video.objects.public().filter(pk=video.pk).exists():
        raise RuntimeError("the benchmark video is not public, so nobody may download it")


def download_path(video):
    from django.urls import reverse
    from django.utils import translation

    with translation.override("en"):
        return reverse("video_download", args=[video.pk])


@contextlib.contextmanager
def nginx_sends_the_bytes():
    """Production's hand-off for the length of the block: the view answers with
    X-Accel-Redirect, and nginx would send the file from its internal location."""
    from django.conf import settings
    from django.test import override_settings

    with override_settings(
        DOWNLOADS_BY_X_ACCEL=True,
        SENDFILE_ROOT=str(settings.PRIVATE_MEDIA_ROOT),
        SENDFILE_URL=NGINX_INTERNAL_URL,
    ):
        yield


def handoff_timings_ms(video, user, requests=HANDOFF_REQUESTS):
    """The wall time of each of `requests` GETs of the download view with nginx sending the
    bytes, in-process through the test client, after one warm-up GET. Each GET starts a
    download and so writes its `Download` row: that is part of the cost."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    path = download_path(video)
    timings = []
    with nginx_sends_the_bytes():
        _expect_handoff(client.get(path))
        for _ in range(requests):
            started = time.perf_counter()
            response = client.get(path)
            timings.append((time.perf_counter() - started) * 1000)
            _expect_handoff(response)
    return timings


def _expect_handoff(response):
    redirect = response.headers.get("X-Accel-Redirect", "")
    if response.status_code != 200 or not redirect.startswith(f"{NGINX_INTERNAL_URL}/"):
        raise RuntimeError(
            f"the download view answered {response.status_code} with X-Accel-Redirect "
            f"{redirect!r}, not a hand-off to nginx"
        )


def percentile_95(values):
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def session_cookie(user):
    """A Cookie header that logs in as `user`. The session is stored in the database, which
    gunicorn's workers share with this process."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    name = settings.SESSION_COOKIE_NAME
    return f"{name}={client.cookies[name].value}"


@dataclasses.dataclass(frozen=True)
class Transfer:
    status: int
    received: int
    seconds: float
    etag: str | None

    @property
    def mb_per_s(self):
        return self.received / self.seconds / 1_000_000


def download(port, path, headers):
    """GETs `path` on loopback as a download client would: the body read into one 1 MiB
    buffer, again and again, and the time taken from sending the request to the last byte."""
    connection = http.client.HTTPConnection(HOST, port, timeout=READ_TIMEOUT_SECONDS)
    buffer = bytearray(READ_CHUNK_BYTES)
    received = 0
    try:
        started = time.perf_counter()
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        while count := response.readinto(buffer):
            received += count
        seconds = time.perf_counter() - started
    finally:
        connection.close()
    return Transfer(response.status, received, seconds, response.getheader("ETag"))


def _expect_complete(transfer, status, length):
    if (transfer.status, transfer.received) != (status, length):
        raise RuntimeError(
            f"expected {status} with {length} bytes, received {transfer.status} with "
            f"{transfer.received} bytes"
        )


@dataclasses.dataclass(frozen=True)
class StreamedDownload:
    transfer: Transfer
    worker_growth_bytes: int


def streamed_downloads(server, path, cookie, size):
    """The master whole, then resumed from half-way (Range, with If-Range quoting the ETag as
    a browser resuming a download does), each checked for its status and every byte.

    `server` has a `port` and `worker_pids()`. A first short download warms the worker up:
    it imports the views and fills the caches, memory that a download must not be charged with.
    """
    cookie_only = {"Cookie": cookie}
    warm_up = {**cookie_only, "Range": f"bytes=0-{READ_CHUNK_BYTES - 1}"}
    _expect_complete(download(server.port, path, warm_up), 206, READ_CHUNK_BYTES)
    pids = server.worker_pids()

    whole, whole_growth = with_peak_memory_growth(
        pids, lambda: download(server.port, path, cookie_only)
    )
    _expect_complete(whole, 200, size)
    half = size // 2
    resume = {**cookie_only, "Range": f"bytes={half}-", "If-Range": whole.etag}
    resumed, resumed_growth = with_peak_memory_growth(
        pids, lambda: download(server.port, path, resume)
    )
    _expect_complete(resumed, 206, size - half)
    return StreamedDownload(whole, whole_growth), StreamedDownload(resumed, resumed_growth)


def _read_into_page_cache(path):
    """Reads the master once, so that the downloads find it in the page cache, as they would
    a master downloaded often. A first read goes at the speed of the disk (for this sparse
    file, of the kernel making new zeroed pages): not what is measured."""
    buffer = bytearray(READ_CHUNK_BYTES)
    with path.open("rb", buffering=0) as master:
        while master.readinto(buffer):
            pass


def streamed_downloads_from_gunicorn(video, user):
    """`streamed_downloads` from one gunicorn sync worker in the embedded mode (no
    DOWNLOADS_BY_X_ACCEL): one worker, so the one warmed up and watched is the one that serves."""
    from django.conf import settings

    path, cookie = download_path(video), session_cookie(user)
    _read_into_page_cache(Path(video.file.path))
    log_path = Path(settings.VAR_DIR) / "gunicorn.log"
    with gunicorn_server(SERVER_SETTINGS, log_path=log_path, workers=1) as server:
        return streamed_downloads(server, path, cookie, video.file_size)


def main():
    setup_django()
    user = downloader()
    with public_video(MASTER_BYTES) as video:
        handoff = handoff_timings_ms(video, user)
        whole, resumed = streamed_downloads_from_gunicorn(video, user)
    report_against_target(
        "download_xaccel_median_ms", statistics.median(handoff), at_most=HANDOFF_TARGET_MS
    )
    report_against_target(
        "download_xaccel_p95_ms", percentile_95(handoff), at_most=HANDOFF_TARGET_MS
    )
    for name, streamed in (("full", whole), ("range", resumed)):
        report_against_target(
            f"download_stream_{name}_mb_per_s",
            streamed.transfer.mb_per_s,
            at_least=STREAM_TARGET_MB_PER_S,
        )
        report_against_target(
            f"download_stream_{name}_worker_rss_growth_mb",
            streamed.worker_growth_bytes / 1_000_000,
            at_most=WORKER_GROWTH_TARGET_MB,
        )


if __name__ == "__main__":
    main()
