"""A closed-loop HTTP load generator: a few processes, each sending one request at a time.

Processes rather than threads so that the client's own Python work is not serialised by one
GIL. A new connection per request, because gunicorn's sync workers close after each answer.
"""

import dataclasses
import http.client
import multiprocessing
import time

REQUEST_TIMEOUT_SECONDS = 30


@dataclasses.dataclass(frozen=True)
class LoadResult:
    ok: int
    errors: int
    seconds: float

    @property
    def rps(self):
        return self.ok / self.seconds


def get_status(host, port, path):
    connection = http.client.HTTPConnection(host, port, timeout=REQUEST_TIMEOUT_SECONDS)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def _send_until(host, port, path, count_from, stop_at):
    """Sends requests until `stop_at`, counting those that start at or after `count_from` and
    end by `stop_at`. Times are time.monotonic(), one clock for every process on Linux."""
    ok = errors = 0
    while (started := time.monotonic()) < stop_at:
        try:
            succeeded = get_status(host, port, path) == 200
        except (OSError, http.client.HTTPException):
            succeeded = False
        if started < count_from or time.monotonic() > stop_at:
            continue
        if succeeded:
            ok += 1
        else:
            errors += 1
    return ok, errors


def run_load(host, port, path, *, seconds, warm_up_seconds, processes=4):
    """GETs `path` from `processes` clients for `warm_up_seconds` uncounted, then `seconds`
    counted; answers other than 200, and failed connections, are errors."""
    count_from = time.monotonic() + warm_up_seconds
    stop_at = count_from + seconds
    # fork: the clients need nothing from the parent but these arguments, and fork starts
    # them at once without re-importing the benchmark (and Django) in each.
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        counts = pool.starmap(_send_until, [(host, port, path, count_from, stop_at)] * processes)
    return LoadResult(
        ok=sum(ok for ok, _ in counts), errors=sum(errors for _, errors in counts), seconds=seconds
    )
