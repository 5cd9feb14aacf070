"""Sending one newsletter issue to 100,000 subscribers, on PostgreSQL, through Anymail's test
backend: how long it takes from the start (rendering, queueing every delivery) to the last
chunk, the database queries of each chunk, and the process's peak memory.

It needs PostgreSQL, as production sends on it. BENCH_POSTGRES_URL names a server and a
database to connect to first (`postgres://postgres@127.0.0.1:5432/postgres`): the benchmark
makes a throw-away database there, runs in a process of its own on it, and drops it after.
Without BENCH_POSTGRES_URL, it runs where the other benchmarks run if that is PostgreSQL
(DATABASE_URL), and otherwise says it was skipped, so that `make bench` still runs the rest.

Anymail's test backend keeps every message it "sends" in django.core.mail.outbox; a real
provider keeps nothing. So each batch is counted, then dropped from the outbox, as soon as
the backend has accepted it (Anymail's post_send signal): the memory measured is the
sending's, not the test backend's archive.
"""

import contextlib
import dataclasses
import os
import subprocess
import sys
import time
import uuid
from urllib.parse import urlsplit, urlunsplit

from benchmarks.environment import setup_django
from benchmarks.memory import kib_in_status
from benchmarks.report import report, report_against_target

SUBSCRIBERS = 100_000
CREATE_BATCH = 10_000
# The targets, in docs/PERFORMANCE.md.
SECONDS_TARGET = 60
PEAK_MEMORY_TARGET_MB = 300
ANYMAIL_TEST_BACKEND = "anymail.backends.test.EmailBackend"


@dataclasses.dataclass(frozen=True)
class SendFigures:
    subscribers: int
    accepted: int
    seconds: float
    start_seconds: float
    queries_per_chunk: list
    rss_before_mb: float
    peak_rss_mb: float

    @property
    def chunks(self):
        return len(self.queries_per_chunk)


def make_subscribers(count, language="en"):
    """`count` confirmed subscribers, inserted in large batches (not timed)."""
    from newsletters.models import Subscriber

    prefix = uuid.uuid4().hex[:8]
    for first in range(0, count, CREATE_BATCH):
        Subscriber.objects.bulk_create(
            Subscriber(
                email=f"reader-{prefix}-{number}@example.org",
                language=language,
                status=Subscriber.Status.CONFIRMED,
            )
            for number in range(first, min(first + CREATE_BATCH, count))
        )


def an_issue():
    """An English issue showing one published story, never sent."""
    from tests.factories import NewsletterIssueFactory, StoryFactory, publish

    return NewsletterIssueFactory(stories=[publish(StoryFactory())])


@contextlib.contextmanager
def provider_accepting(counter):
    """Anymail's test backend, with each accepted batch counted and let go (see above)."""
    from anymail.signals import post_send
    from django.core import mail
    from django.test.utils import override_settings

    def count_and_drop(sender, message, status, esp_name, **kwargs):
        counter["accepted"] += len(message.to)
        mail.outbox.clear()

    post_send.connect(count_and_drop, weak=False)
    try:
        with override_settings(MAILER_EMAIL_BACKEND=ANYMAIL_TEST_BACKEND):
            yield
    finally:
        post_send.disconnect(count_and_drop)


@contextlib.contextmanager
def counting_queries(counts):
    """Counts the statements run (without keeping their SQL) into counts[-1]."""
    from django.db import connection

    def count(execute, sql, params, many, context):
        counts[-1] += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        yield


def measure_send(issue, subscribers):
    """Send `issue` to its subscribers as the task does (start, then chunk after chunk) and
    return the figures. The process's memory high-water mark is reset just before."""
    from django.utils import timezone

    from background.email_queue import delivery_connection
    from newsletters import sending

    counter = {"accepted": 0}
    queries_per_chunk = []
    with open("/proc/self/clear_refs", "w") as clear_refs:
        clear_refs.write("5")
    rss_before_kib = kib_in_status(os.getpid(), "VmHWM")
    with provider_accepting(counter):
        started_at = time.perf_counter()
        scheduled = sending.schedule(issue, send_at=timezone.now(), requested_by=None)
        under_way = sending.start(scheduled.pk)
        start_seconds = time.perf_counter() - started_at
        sender = sending.ChunkSender(under_way, delivery_connection())
        while True:
            queries_per_chunk.append(0)
            with counting_queries(queries_per_chunk):
                if not sender.send_next_chunk().claimed:
                    queries_per_chunk.pop()
                    break
        sending.finish_if_done(under_way)
        seconds = time.perf_counter() - started_at
    return SendFigures(
        subscribers=subscribers,
        accepted=counter["accepted"],
        seconds=seconds,
        start_seconds=start_seconds,
        queries_per_chunk=queries_per_chunk,
        rss_before_mb=rss_before_kib / 1024,
        peak_rss_mb=kib_in_status(os.getpid(), "VmHWM") / 1024,
    )


def run(subscribers=SUBSCRIBERS):
    """The benchmark itself, on the database Django is set up with."""
    from newsletters.models import Delivery

    make_subscribers(subscribers)
    issue = an_issue()
    figures = measure_send(issue, subscribers)
    if figures.accepted != subscribers:
        raise RuntimeError(f"{figures.accepted} of {subscribers} recipients were accepted")
    unsent = Delivery.objects.filter(issue=issue).exclude(status=Delivery.Status.SENT).count()
    if unsent:
        raise RuntimeError(f"{unsent} deliveries are not marked sent")
    return figures


def report_figures(figures):
    report("newsletter_send_subscribers", figures.subscribers)
    report_against_target("newsletter_send_seconds", figures.seconds, at_most=SECONDS_TARGET)
    report("newsletter_send_start_seconds", figures.start_seconds)
    report("newsletter_send_recipients_per_second", figures.subscribers / figures.seconds)
    report("newsletter_send_chunks", figures.chunks)
    counts = figures.queries_per_chunk
    report("newsletter_send_queries_first_chunk", counts[0])
    report("newsletter_send_queries_last_chunk", counts[-1])
    report("newsletter_send_queries_per_chunk_min", min(counts))
    report("newsletter_send_queries_per_chunk_max", max(counts))
    report(
        "newsletter_send_queries_per_chunk_target",
        f"the same for every chunk, {'met' if min(counts) == max(counts) else 'MISSED'}",
    )
    report("newsletter_send_rss_before_mb", figures.rss_before_mb)
    report_against_target(
        "newsletter_send_peak_rss_mb", figures.peak_rss_mb, at_most=PEAK_MEMORY_TARGET_MB
    )


@contextlib.contextmanager
def throwaway_database(server_url):
    """A new database on the server of `server_url`, dropped afterwards; yields its URL."""
    import psycopg

    name = f"newsroom_bench_newsletter_{os.getpid()}"
    with psycopg.connect(server_url, autocommit=True) as server:
        server.execute(f'CREATE DATABASE "{name}"')
    parts = urlsplit(server_url)
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(server_url, autocommit=True) as server:
            server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main():
    server_url = os.environ.get("BENCH_POSTGRES_URL")
    if server_url:
        with throwaway_database(server_url) as database_url:
            env = {**os.environ, "DATABASE_URL": database_url}
            env.pop("BENCH_POSTGRES_URL")
            # Its own process: the other benchmarks keep the database they run on.
            subprocess.run(
                [sys.executable, "-m", "benchmarks.newsletter_send"], env=env, check=True
            )
        return
    setup_django()
    from django.db import connection

    if connection.vendor != "postgresql":
        report(
            "newsletter_send",
            "skipped: needs PostgreSQL; set BENCH_POSTGRES_URL=postgres://user@host:5432/postgres",
        )
        return
    report_figures(run())


if __name__ == "__main__":
    main()
