"""Sending on real Celery workers (Redis) and PostgreSQL, as in production: a worker process
killed by SIGKILL in the middle of a chunk, a provider that fails twice, and two workers on
one issue. They run when CELERY_BROKER_URL is set (and, where another process must see the
data, on PostgreSQL), as in CI's second stage."""

import collections
import os
import signal
import subprocess
import sys
import threading
import time

import pytest
from anymail.exceptions import AnymailAPIError
from anymail.signals import pre_send
from django.conf import settings
from django.core import mail
from django.db import connection, connections
from django.utils import timezone

from cms.celery import app
from newsletters import sending
from newsletters.models import Delivery, Sending
from newsletters.tasks import send_due_issues, send_issue
from tests.conftest import needs_broker, wait_for
from tests.factories import NewsletterIssueFactory, SubscriberFactory
from tests.mailbox import accepted_messages

needs_postgresql = pytest.mark.skipif(
    not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"),
    reason="needs PostgreSQL: another process (or thread) must see the test's committed rows "
    "and lock them row by row",
)
CRASH_QUEUE = "newsletters-crash-test"


def url_of_the_test_database():
    database = connection.settings_dict
    credentials = database["USER"] + (f":{database['PASSWORD']}" if database["PASSWORD"] else "")
    return (
        f"postgres://{credentials}@{database['HOST']}:{database['PORT'] or 5432}/{database['NAME']}"
    )


def accepted_recipients():
    return collections.Counter(address for m in accepted_messages() for address in m.to)


@pytest.fixture
def signal_receivers():
    connected = []

    def connect(signal_, receiver):
        signal_.connect(receiver, weak=False)
        connected.append((signal_, receiver))

    yield connect
    for signal_, receiver in connected:
        signal_.disconnect(receiver)


@needs_broker
@pytest.mark.integration
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_sends_an_issue(celery_worker, news_index):
    readers = SubscriberFactory.create_batch(3)
    scheduled = sending.schedule(
        NewsletterIssueFactory(), send_at=timezone.now(), requested_by=None
    )

    send_issue.delay(scheduled.pk)

    assert wait_for(lambda: Sending.objects.get(pk=scheduled.pk).status == Sending.Status.SENT)
    assert accepted_recipients() == {reader.email: 1 for reader in readers}


@needs_broker
@pytest.mark.integration
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_provider_that_fails_twice_is_retried_by_celery_with_backoff(
    celery_worker, news_index, settings, signal_receivers
):
    settings.NEWSLETTER_RETRY_BACKOFF_SECONDS = 1
    readers = SubscriberFactory.create_batch(2)
    calls = []

    def unavailable_twice(sender, message, esp_name, **kwargs):
        calls.append(time.monotonic())
        if len(calls) <= 2:
            message.anymail_test_response = AnymailAPIError("503 Service Unavailable")

    signal_receivers(pre_send, unavailable_twice)
    scheduled = sending.schedule(
        NewsletterIssueFactory(), send_at=timezone.now(), requested_by=None
    )

    send_issue.delay(scheduled.pk)

    assert wait_for(lambda: Sending.objects.get(pk=scheduled.pk).status == Sending.Status.SENT)
    assert accepted_recipients() == {reader.email: 1 for reader in readers}
    assert set(Delivery.objects.values_list("status", "attempts")) == {("sent", 3)}
    # Celery's countdowns: 1 second after the first failure, 2 after the second.
    first_wait, second_wait = calls[1] - calls[0], calls[2] - calls[1]
    assert first_wait >= 0.9 and second_wait >= 1.9


@needs_postgresql
@needs_broker
@pytest.mark.integration
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_process_killed_mid_chunk_is_resumed_with_nobody_sent_twice_or_skipped(
    news_index, settings, tmp_path
):
    chunk_size, die_at_batch = 5, 3
    settings.NEWSLETTER_RESUME_AFTER_SECONDS = 1
    readers = SubscriberFactory.create_batch(23)
    scheduled = sending.schedule(
        NewsletterIssueFactory(), send_at=timezone.now(), requested_by=None
    )
    journal = tmp_path / "accepted-by-the-dead-worker.txt"
    env = {
        **os.environ,
        "DATABASE_URL": url_of_the_test_database(),
        "NEWSLETTER_CHUNK_SIZE": str(chunk_size),
    }
    # A message left on the test's queue by an earlier run would be taken first.
    with app.connection_for_write() as broker:
        broker.default_channel.queue_purge(CRASH_QUEUE)
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.newsletters.dying_worker",
            str(journal),
            CRASH_QUEUE,
            str(die_at_batch),
            str(settings.NEWSLETTER_RESUME_AFTER_SECONDS),
        ],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        app.conf.task_always_eager = False
        send_issue.apply_async(args=[scheduled.pk], queue=CRASH_QUEUE)
        assert worker.wait(timeout=60) == -signal.SIGKILL
    finally:
        app.conf.task_always_eager = True
        if worker.poll() is None:
            worker.kill()

    sent_before_the_crash = journal.read_text().split()
    assert len(sent_before_the_crash) == chunk_size * (die_at_batch - 1)
    statuses = collections.Counter(Delivery.objects.values_list("status", flat=True))
    assert statuses == {"sent": 10, "queued": 13}, "the claim of the third chunk was rolled back"

    # Beat's next tick finds the sending stalled, and a worker resumes it.
    time.sleep(1.1)
    mail.outbox.clear()
    from celery.contrib.testing.worker import start_worker

    app.conf.task_always_eager = False
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            send_due_issues.delay()
            assert wait_for(
                lambda: Sending.objects.get(pk=scheduled.pk).status == Sending.Status.SENT
            )
    finally:
        app.conf.task_always_eager = True

    everything_accepted = collections.Counter(sent_before_the_crash) + accepted_recipients()
    assert everything_accepted == {reader.email: 1 for reader in readers}
    assert set(Delivery.objects.values_list("status", flat=True)) == {"sent"}


@needs_postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_workers_on_one_issue_never_take_the_same_rows(news_index, settings, signal_receivers):
    settings.NEWSLETTER_CHUNK_SIZE = 4
    readers = SubscriberFactory.create_batch(12)
    scheduled = sending.schedule(
        NewsletterIssueFactory(), send_at=timezone.now(), requested_by=None
    )
    started = sending.start(scheduled.pk)
    first_call = threading.Event()
    second_done = threading.Event()
    claimed_by_second = []

    def hold_the_first_chunk(sender, message, esp_name, **kwargs):
        if not first_call.is_set():
            first_call.set()
            second_done.wait(timeout=30)

    def second_worker():
        first_call.wait(timeout=30)
        try:
            sender = sending.ChunkSender(started, mail.get_connection())
            claimed_by_second.append(sender.send_next_chunk().sent)
        finally:
            connections.close_all()
            second_done.set()

    signal_receivers(pre_send, hold_the_first_chunk)
    other = threading.Thread(target=second_worker)
    other.start()
    sending.send_all(started)
    other.join(timeout=30)

    # While the first held its chunk, the second took the next one, not the same.
    assert claimed_by_second == [4]
    assert accepted_recipients() == {reader.email: 1 for reader in readers}
    assert Sending.objects.get(pk=scheduled.pk).status == Sending.Status.SENT
