"""The downloads benchmark, run small: a few hand-offs to nginx, and a few MB streamed, whole
and resumed, by a server that sees the test's database."""

import dataclasses
import os
import subprocess
import sys

import pytest
from django.test import Client

from benchmarks import trivial_view
from benchmarks.downloads import (
    READ_CHUNK_BYTES,
    download_path,
    downloader,
    handoff_timings_ms,
    nginx_sends_the_bytes,
    percentile_95,
    public_video,
    session_cookie,
    streamed_downloads,
    with_peak_memory_growth,
)
from benchmarks.gunicorn_server import HOST, gunicorn_server
from benchmarks.load_client import get_status
from benchmarks.report import report_against_target

# Odd, so that half-way is not on a block boundary.
MASTER_BYTES = 4 * 1024 * 1024 + 3


@pytest.fixture
def user(db):
    return downloader()


@pytest.fixture
def video(news_index):
    with public_video(MASTER_BYTES) as video:
        yield video


def test_the_master_is_deleted_afterwards(news_index):
    with public_video(MASTER_BYTES) as video:
        master = video.file.path
        assert os.path.getsize(master) == MASTER_BYTES

    assert not os.path.exists(master)


def test_with_nginx_the_view_names_the_master_and_sends_no_bytes(video, user):
    client = Client()
    client.force_login(user)

    with nginx_sends_the_bytes():
        handed_off = client.get(download_path(video))
    streamed = client.get(download_path(video), headers={"range": "bytes=0-9"})

    assert handed_off.status_code == 200
    assert handed_off["X-Accel-Redirect"] == f"/private-downloads/{video.file.name}"
    assert handed_off.content == b""
    assert streamed.status_code == 206
    assert "X-Accel-Redirect" not in streamed
    assert b"".join(streamed.streaming_content) == bytes(10)


def test_each_timed_handoff_writes_its_download_row(video, user):
    from videos.models import Download

    timings = handoff_timings_ms(video, user, requests=3)

    assert len(timings) == 3 and all(ms > 0 for ms in timings)
    # The warm-up GET and the three timed ones.
    assert Download.objects.filter(video=video, user=user, size=MASTER_BYTES).count() == 4


@dataclasses.dataclass(frozen=True)
class _ServerThread:
    port: int

    def worker_pids(self):
        """The thread's process is the one whose memory grows when it serves."""
        return [os.getpid()]


@pytest.fixture
def server_thread(db):
    """A server in a thread of this process that sees the test's (uncommitted) data, as
    gunicorn sees the benchmark's database. It shares the test's own connection, which needs
    the in-memory SQLite test database (as tests/e2e do)."""
    from django.db import connections
    from django.test.testcases import LiveServerThread

    database = connections["default"]
    if database.vendor != "sqlite":
        pytest.skip("the server thread shares the in-memory SQLite test database")
    database.inc_thread_sharing()
    server = LiveServerThread(
        HOST, lambda handler: handler, connections_override={"default": database}, port=0
    )
    server.daemon = True
    server.start()
    server.is_ready.wait()
    if server.error:
        raise server.error
    yield _ServerThread(server.port)
    server.terminate()
    database.dec_thread_sharing()


def test_streamed_downloads_receive_every_byte_whole_and_resumed(server_thread, video, user):
    from videos.models import Download

    whole, resumed = streamed_downloads(
        server_thread, download_path(video), session_cookie(user), MASTER_BYTES
    )

    assert (whole.transfer.status, whole.transfer.received) == (200, MASTER_BYTES)
    assert (resumed.transfer.status, resumed.transfer.received) == (
        206,
        MASTER_BYTES - MASTER_BYTES // 2,
    )
    assert whole.transfer.etag and whole.transfer.mb_per_s > 0 and resumed.transfer.mb_per_s > 0
    assert whole.worker_growth_bytes >= 0 and resumed.worker_growth_bytes >= 0
    # The warm-up and the whole download start downloads; resuming one does not.
    sizes = sorted(Download.objects.filter(video=video).values_list("size", flat=True))
    assert sizes == [READ_CHUNK_BYTES, MASTER_BYTES]


def test_the_memory_of_gunicorn_s_worker_is_watched(tmp_path):
    # The trivial view reads no database, so gunicorn needs none to answer it.
    with gunicorn_server("benchmarks.settings", log_path=tmp_path / "g.log", workers=1) as server:
        assert get_status(HOST, server.port, trivial_view.PATH) == 200
        (worker,) = server.worker_pids()
        status, growth = with_peak_memory_growth(
            [worker], lambda: get_status(HOST, server.port, trivial_view.PATH)
        )

    assert worker != server.master_pid
    assert status == 200 and growth >= 0


ALLOCATE_ON_REQUEST = """
import sys
print("ready", flush=True)
sys.stdin.readline()
held = b"x" * (64 * 1024 * 1024)  # written, so resident
del held
print("done", flush=True)
sys.stdin.readline()
"""


def test_a_peak_above_the_present_size_is_counted():
    # A process of its own: this one's allocator may hand back memory it already holds.
    child = subprocess.Popen(
        [sys.executable, "-c", ALLOCATE_ON_REQUEST],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout.readline().strip() == "ready"

        def allocate_and_free():
            child.stdin.write("go\n")
            child.stdin.flush()
            return child.stdout.readline().strip()

        answer, growth = with_peak_memory_growth([child.pid], allocate_and_free)
    finally:
        child.kill()
        child.wait()

    allocated = 64 * 1024 * 1024
    assert answer == "done"
    # The kernel counts resident pages in batches, so the mark is near the size, not on it.
    assert 0.9 * allocated < growth < 2 * allocated


def test_the_95th_percentile_and_the_target_line(capsys):
    assert 95 <= percentile_95(range(1, 101)) <= 96

    report_against_target("handoff_ms", 6.0, at_most=5)
    report_against_target("throughput", 301.5, at_least=300)

    assert capsys.readouterr().out.splitlines() == [
        "handoff_ms: 6.000",
        "handoff_ms_target: at most 5, MISSED",
        "throughput: 301.500",
        "throughput_target: at least 300, met",
    ]
