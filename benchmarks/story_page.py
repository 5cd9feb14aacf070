"""What one GET of a story page costs, measured in-process through Django's test client.

Callable on any configured database: the benchmarks' own, or a test database in pytest.
"""

import statistics
import time

from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

# Queries a story page may make, cold (every fragment re-rendered): routing, privacy, language
# links, then the body's images, its videos with their caption tracks and texts, which of them
# the public may watch (for the oEmbed link and each video's VideoObject), and the link to the
# video library in the reader's language. It must not grow with the number of blocks.
STORY_QUERY_BUDGET = 16


def _get(client, url):
    response = client.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"GET {url} answered {response.status_code}")
    return response


def story_page_queries(url, *, fragments_cached=False):
    """The SQL of one GET of `url`, after a warm-up GET has made the image renditions.

    By default the cached page fragments are thrown away first, so that the whole page is
    rendered: the worst case, and the one whose count must not grow with the body. With
    `fragments_cached`, it is a reader's ordinary request."""
    client = Client()
    _get(client, url)
    if not fragments_cached:
        caches["template_fragments"].clear()
    with CaptureQueriesContext(connection) as captured:
        _get(client, url)
    return [query["sql"] for query in captured.captured_queries]


def median_render_ms(url, iterations=50, *, fragments_cached=True):
    """The median wall time of a GET of `url`, in milliseconds, after one warm-up GET; without
    `fragments_cached`, the cached page fragments are thrown away before each GET."""
    client = Client()
    _get(client, url)
    timings = []
    for _ in range(iterations):
        if not fragments_cached:
            caches["template_fragments"].clear()
        started = time.perf_counter()
        _get(client, url)
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)
