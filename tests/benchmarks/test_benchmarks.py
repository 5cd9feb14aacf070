"""The benchmark machinery, run small, and the story page's query budget it measures."""

import collections
import http.server
import re
import socket
import threading

import pytest
from django.test import override_settings

from benchmarks import trivial_view
from benchmarks.gunicorn_server import HOST, gunicorn
from benchmarks.load_client import get_status, run_load
from benchmarks.stories import published_story
from benchmarks.story_page import STORY_QUERY_BUDGET, median_render_ms, story_page_queries


def _explain(queries):
    """The tables read more than once, then every query of the page, numbered: what to fix."""
    tables = collections.Counter(
        re.search(r'FROM "(\w+)"', sql).group(1) for sql in queries if 'FROM "' in sql
    )
    repeated = {table: count for table, count in tables.items() if count > 1}
    numbered = "\n".join(f"{number}. {sql}" for number, sql in enumerate(queries, 1))
    return f"{len(queries)} queries; read more than once: {repeated}\n{numbered}"


@pytest.fixture
def story_urls(news_index):
    return {block_count: published_story(block_count).url for block_count in (5, 50)}


def test_story_page_queries_do_not_grow_with_blocks_and_stay_within_budget(story_urls):
    five = story_page_queries(story_urls[5])
    fifty = story_page_queries(story_urls[50])

    assert all(isinstance(sql, str) for sql in five + fifty)
    assert len(fifty) <= len(five), _explain(fifty)
    assert len(fifty) <= STORY_QUERY_BUDGET, _explain(fifty)


def test_median_render_time_is_a_positive_number_of_milliseconds(news_index):
    url = published_story(5).url

    assert median_render_ms(url, iterations=3) > 0


def test_the_benchmark_urls_add_the_trivial_view_to_the_site(client, news_index):
    with override_settings(ROOT_URLCONF="benchmarks.urls"):
        trivial = client.get(trivial_view.PATH)
        robots = client.get("/robots.txt")

    assert (trivial.status_code, trivial.content) == (200, b"ok")
    assert robots.status_code == 200


class _OkOrBroken(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200 if self.path == "/ok" else 500)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        """Quiet: the test reads the counts, not the access log."""


@pytest.fixture
def local_server():
    server = http.server.ThreadingHTTPServer((HOST, 0), _OkOrBroken)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def test_the_load_client_counts_successes_and_errors(local_server):
    ok = run_load(HOST, local_server, "/ok", seconds=0.3, warm_up_seconds=0.1, processes=2)
    broken = run_load(HOST, local_server, "/broken", seconds=0.3, warm_up_seconds=0.1, processes=2)

    assert ok.ok > 0 and ok.errors == 0
    assert ok.rps == ok.ok / 0.3
    assert broken.ok == 0 and broken.errors > 0


def test_gunicorn_serves_the_trivial_view_and_is_stopped_afterwards(tmp_path):
    # The trivial view reads no database, so gunicorn needs none to answer it.
    with gunicorn("benchmarks.settings", log_path=tmp_path / "gunicorn.log") as port:
        assert port != 8000
        assert get_status(HOST, port, trivial_view.PATH) == 200

    with pytest.raises(OSError):
        socket.create_connection((HOST, port), timeout=1).close()


def test_the_registration_benchmark_signs_people_up(db):
    from benchmarks.registration import median_registration_ms
    from users.models import User

    assert median_registration_ms(count=2) > 0
    assert User.objects.filter(email__startswith="bench").count() == 2


def test_the_transcode_benchmark_reports_a_speed(db):
    from benchmarks.transcode import processing_speed

    assert processing_speed(seconds=1, width=320, height=240) > 0
