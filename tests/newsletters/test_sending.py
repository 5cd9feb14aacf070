"""An editor sends an issue: it reaches each confirmed subscriber of its language once, in
batches through the provider, each recipient with their own greeting and unsubscribe link,
and it survives a worker that dies and a provider that fails."""

import collections
import datetime

import pytest
import time_machine
from anymail.exceptions import AnymailAPIError
from anymail.signals import pre_send
from django.core import mail
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale

from newsletters import sending
from newsletters.models import Delivery, Sending, Subscriber
from newsletters.tasks import send_due_issues, send_issue
from tests.factories import NewsletterIssueFactory, StoryFactory, SubscriberFactory, publish
from tests.mailbox import accepted_messages, as_received, merge_field

pytestmark = pytest.mark.django_db

SEND_AT = datetime.datetime(2030, 3, 2, 8, 0, tzinfo=datetime.UTC)


def send_now(issue):
    """The editor's "Send now", and the worker that takes it."""
    scheduled = sending.schedule(issue, send_at=timezone.now(), requested_by=None)
    send_issue.delay(scheduled.pk)
    return Sending.objects.get(pk=scheduled.pk)


def recipients_of_the_outbox():
    """How many messages the provider accepted for each address."""
    return collections.Counter(address for message in accepted_messages() for address in message.to)


class WorkerKilled(BaseException):
    """Stands for the worker's process dying. It is not an Exception, so no handler in the
    sending code sees it, as none would see a SIGKILL; the chunk's transaction is rolled
    back, as the database does when the connection of a dead process drops. (The same is
    done with a real process and a real SIGKILL in test_worker.py, on PostgreSQL.)"""


@pytest.fixture
def signal_receivers():
    """Receivers connected by a test, disconnected after it."""
    connected_receivers = []

    def connect(signal, receiver):
        signal.connect(receiver, weak=False)
        connected_receivers.append((signal, receiver))

    yield connect
    for signal, receiver in connected_receivers:
        signal.disconnect(receiver)


def test_each_confirmed_subscriber_of_the_language_receives_the_issue_once(issue, settings):
    settings.NEWSLETTER_CHUNK_SIZE = 3
    readers = SubscriberFactory.create_batch(7)
    SubscriberFactory(language="fr")
    for status in ("pending", "unsubscribed", "bounced", "complained"):
        SubscriberFactory(status=status)

    finished = send_now(issue)

    assert finished.status == Sending.Status.SENT and finished.finished_at is not None
    assert [len(message.to) for message in mail.outbox] == [3, 3, 1]
    assert all(message.anymail_test_params["is_batch_send"] for message in mail.outbox)
    assert recipients_of_the_outbox() == {reader.email: 1 for reader in readers}
    deliveries = Delivery.objects.filter(issue=issue)
    assert deliveries.count() == 7
    assert set(deliveries.values_list("status", flat=True)) == {Delivery.Status.SENT}
    # Anymail's test backend answers with the message's place in the outbox as its id.
    first_batch = set(mail.outbox[0].to)
    assert {
        d.subscriber.email
        for d in deliveries.filter(message_id=str(0)).select_related("subscriber")
    } == first_batch


def test_the_french_issue_goes_to_the_french_subscribers_in_french(issue, stories):
    french_issue = NewsletterIssueFactory(
        locale=Locale.objects.get(language_code="fr"),
        translation_key=issue.translation_key,
        subject="Cette semaine à la rédaction",
        intro="Voici les nouvelles de la semaine.",
        stories=stories,
    )
    SubscriberFactory(email="english@example.org")
    SubscriberFactory(email="marie@example.org", language="fr", name="Marie")

    send_now(issue)
    send_now(french_issue)

    english, french = mail.outbox
    assert (english.to, french.to) == (["english@example.org"], ["marie@example.org"])
    text, html = as_received(french, "marie@example.org")
    assert french.subject == "Cette semaine à la rédaction"
    assert 'lang="fr"' in html and "Bonjour Marie," in text
    assert "Voici les nouvelles de la semaine." in text
    assert "Se désabonner" in html and "/fr/newsletter/unsubscribe/" in text
    assert "Unsubscribe" not in text


def test_an_issue_goes_out_once(issue):
    SubscriberFactory()
    first = sending.schedule(issue, send_at=timezone.now(), requested_by=None)

    again = sending.schedule(issue, send_at=timezone.now(), requested_by=None)
    send_issue.delay(first.pk)
    send_issue.delay(again.pk)

    assert again == first
    assert len(mail.outbox) == 1


def test_each_recipient_gets_their_own_greeting_unsubscribe_link_and_header(issue):
    SubscriberFactory(email="ada@example.org", name="Ada")
    SubscriberFactory(email="someone@example.org")

    send_now(issue)

    (message,) = mail.outbox
    params = message.anymail_test_params
    ada, someone = (
        params["merge_data"]["ada@example.org"],
        params["merge_data"]["someone@example.org"],
    )
    assert (ada["greeting"], someone["greeting"]) == ("Hello Ada,", "Hello,")
    assert ada["unsubscribe_url"].startswith("http://localhost/en/newsletter/unsubscribe/")
    assert ada["unsubscribe_url"] != someone["unsubscribe_url"]
    # The provider merges the fields: the content carries them once for everybody.
    assert merge_field("greeting") in message.body
    text, html = as_received(message, "ada@example.org")
    assert "Hello Ada," in text and "Hello Ada," in html
    assert ada["unsubscribe_url"] in text and f'href="{ada["unsubscribe_url"]}"' in html
    assert params["merge_headers"]["ada@example.org"] == {
        "List-Unsubscribe": f"<{ada['unsubscribe_url']}>"
    }
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert params["tags"] == [f"newsletter-issue-{issue.pk}"]
    assert params["metadata"] == {"newsletter_issue": str(issue.pk), "language": "en"}
    assert message.subject == "This week in the newsroom"


def test_the_email_is_rendered_once_and_kept_so_that_every_chunk_carries_the_same(
    issue, settings, stories
):
    settings.NEWSLETTER_CHUNK_SIZE = 1
    SubscriberFactory.create_batch(2)
    scheduled = sending.schedule(issue, send_at=timezone.now(), requested_by=None)
    started = sending.start(scheduled.pk)
    sender = sending.ChunkSender(started, mail.get_connection())
    sender.send_next_chunk()

    # The editor changes the issue in the middle of the sending.
    issue.subject = "A new subject"
    issue.save()
    sender.send_next_chunk()

    assert {message.subject for message in mail.outbox} == {"This week in the newsroom"}
    assert mail.outbox[0].body == mail.outbox[1].body
    assert "Allies meet in Vilnius" in started.html and "<style>" in started.html


def test_the_html_part_has_its_css_inlined_and_the_text_part_says_the_same(issue):
    SubscriberFactory(email="ada@example.org")

    send_now(issue)

    text, html = as_received(mail.outbox[0], "ada@example.org")
    assert 'style="' in html
    assert "@media" in html  # the responsive rules stay in <style>: they cannot be inlined
    assert ".story-title {" not in html.split("@media")[0]
    for story in ("Allies meet in Vilnius", "Sweden joins the Alliance"):
        assert story in text and story in html
    assert "http://localhost/en/news/allies-meet-in-vilnius/" in text


def test_a_subscriber_who_leaves_during_the_sending_is_skipped(issue, settings):
    settings.NEWSLETTER_CHUNK_SIZE = 1
    first, leaving = SubscriberFactory(), SubscriberFactory()
    scheduled = sending.schedule(issue, send_at=timezone.now(), requested_by=None)
    started = sending.start(scheduled.pk)
    sender = sending.ChunkSender(started, mail.get_connection())
    sender.send_next_chunk()

    leaving.unsubscribe()
    sending.send_all(started)

    assert recipients_of_the_outbox() == {first.email: 1}
    assert Delivery.objects.get(subscriber=leaving).status == Delivery.Status.SKIPPED
    assert Sending.objects.get(pk=scheduled.pk).status == Sending.Status.SENT


def test_there_is_one_delivery_row_per_subscriber_and_issue(issue):
    subscriber = SubscriberFactory()
    Delivery.objects.create(issue=issue, subscriber=subscriber)

    with pytest.raises(IntegrityError), transaction.atomic():
        Delivery.objects.create(issue=issue, subscriber=subscriber)


def test_starting_twice_queues_each_subscriber_once(issue):
    SubscriberFactory.create_batch(3)
    scheduled = sending.schedule(issue, send_at=timezone.now(), requested_by=None)

    sending.start(scheduled.pk)
    sending.start(scheduled.pk)

    assert Delivery.objects.filter(issue=issue).count() == 3


def test_a_worker_killed_in_the_middle_of_a_chunk_resumes_without_sending_twice_or_skipping(
    issue, settings, signal_receivers
):
    settings.NEWSLETTER_CHUNK_SIZE = 4
    readers = SubscriberFactory.create_batch(10)
    batches = 0

    def die_on_the_second_batch(sender, message, esp_name, **kwargs):
        nonlocal batches
        batches += 1
        if batches == 2:
            raise WorkerKilled

    signal_receivers(pre_send, die_on_the_second_batch)
    scheduled = sending.schedule(issue, send_at=timezone.now(), requested_by=None)

    with pytest.raises(WorkerKilled):
        send_issue.delay(scheduled.pk)

    statuses = collections.Counter(Delivery.objects.values_list("status", flat=True))
    assert statuses == {Delivery.Status.SENT: 4, Delivery.Status.QUEUED: 6}
    assert Sending.objects.get(pk=scheduled.pk).status == Sending.Status.SENDING

    # The broker hands the task to another worker (or beat finds the sending stalled).
    send_issue.delay(scheduled.pk)

    assert recipients_of_the_outbox() == {reader.email: 1 for reader in readers}
    assert set(Delivery.objects.values_list("status", "attempts")) == {(Delivery.Status.SENT, 1)}
    assert Sending.objects.get(pk=scheduled.pk).status == Sending.Status.SENT


def tick(moment):
    """A minute of the scheduler (Celery beat, or the embedded mode's run_scheduler)."""
    with time_machine.travel(moment, tick=False):
        send_due_issues()


def test_a_provider_that_fails_twice_then_succeeds_is_retried_with_backoff(
    issue, settings, signal_receivers
):
    settings.NEWSLETTER_RETRY_BACKOFF_SECONDS = 30
    readers = SubscriberFactory.create_batch(3)
    failures_left = 2

    def unavailable_twice(sender, message, esp_name, **kwargs):
        nonlocal failures_left
        if failures_left:
            failures_left -= 1
            message.anymail_test_response = AnymailAPIError("503 Service Unavailable")

    signal_receivers(pre_send, unavailable_twice)
    with time_machine.travel(SEND_AT, tick=False):
        scheduled = send_now(issue)
    assert Delivery.objects.filter(status=Delivery.Status.QUEUED, attempts=1).count() == 3

    # Without a broker the scheduler retries (with one, Celery does: test_worker.py), after
    # 30 seconds, then 60.
    tick(SEND_AT + datetime.timedelta(seconds=29))
    assert failures_left == 1
    tick(SEND_AT + datetime.timedelta(seconds=31))
    assert failures_left == 0 and accepted_messages() == []
    tick(SEND_AT + datetime.timedelta(seconds=31 + 59))
    assert accepted_messages() == []
    tick(SEND_AT + datetime.timedelta(seconds=31 + 61))

    assert Sending.objects.get(pk=scheduled.pk).status == Sending.Status.SENT
    assert recipients_of_the_outbox() == {reader.email: 1 for reader in readers}
    assert set(Delivery.objects.values_list("status", "attempts", "error")) == {
        (Delivery.Status.SENT, 3, "")
    }


def test_a_provider_down_for_good_fails_what_is_left_and_the_editor_can_retry(
    issue, settings, signal_receivers
):
    settings.NEWSLETTER_SEND_MAX_RETRIES = 1
    reader = SubscriberFactory()
    down = True

    def unavailable(sender, message, esp_name, **kwargs):
        if down:
            message.anymail_test_response = AnymailAPIError("503 Service Unavailable")

    signal_receivers(pre_send, unavailable)
    with time_machine.travel(SEND_AT, tick=False):
        scheduled = send_now(issue)
    tick(SEND_AT + datetime.timedelta(minutes=1))

    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == (Delivery.Status.FAILED, 2)
    assert "503 Service Unavailable" in delivery.error
    finished = Sending.objects.get(pk=scheduled.pk)
    assert finished.status == Sending.Status.SENT
    assert accepted_messages() == []

    down = False
    assert sending.retry_failed(finished) == 1
    send_issue.delay(finished.pk)

    assert recipients_of_the_outbox() == {reader.email: 1}
    assert Delivery.objects.get().status == Delivery.Status.SENT


def test_a_recipient_the_provider_refuses_is_failed_and_not_retried(issue, signal_receivers):
    from anymail.message import AnymailRecipientStatus

    kept, refused = (
        SubscriberFactory(email="kept@example.org"),
        SubscriberFactory(email="refused@example.org"),
    )

    def refuse_one(sender, message, esp_name, **kwargs):
        message.anymail_test_response = {
            "recipient_status": {
                kept.email: AnymailRecipientStatus(message_id="m-1", status="queued"),
                refused.email: AnymailRecipientStatus(message_id=None, status="rejected"),
            }
        }

    signal_receivers(pre_send, refuse_one)

    send_now(issue)

    assert len(mail.outbox) == 1
    assert Delivery.objects.get(subscriber=kept).message_id == "m-1"
    failed = Delivery.objects.get(subscriber=refused)
    assert (failed.status, failed.error, failed.attempts) == (Delivery.Status.FAILED, "rejected", 1)


def test_the_queries_per_chunk_do_not_grow_with_the_chunk_number(issue, settings):
    settings.NEWSLETTER_CHUNK_SIZE = 5
    SubscriberFactory.create_batch(20)
    scheduled = sending.schedule(issue, send_at=timezone.now(), requested_by=None)
    sender = sending.ChunkSender(sending.start(scheduled.pk), mail.get_connection())

    counts = []
    for _chunk in range(4):
        with CaptureQueriesContext(connection) as queries:
            assert sender.send_next_chunk().sent == 5
        counts.append(len(queries))

    assert len(set(counts)) == 1, counts
    assert counts[0] <= 8, counts


def test_a_scheduled_issue_goes_out_at_its_time_and_not_before(issue):
    SubscriberFactory()
    with time_machine.travel(SEND_AT - datetime.timedelta(hours=1), tick=False):
        scheduled = sending.schedule(issue, send_at=SEND_AT, requested_by=None)
        send_due_issues()
        assert mail.outbox == []

    with time_machine.travel(SEND_AT + datetime.timedelta(seconds=20), tick=False):
        send_due_issues()

    assert len(mail.outbox) == 1
    assert Sending.objects.get(pk=scheduled.pk).status == Sending.Status.SENT


def test_the_embedded_scheduler_sends_due_issues(issue):
    SubscriberFactory()
    sending.schedule(issue, send_at=SEND_AT, requested_by=None)

    with time_machine.travel(SEND_AT + datetime.timedelta(minutes=1), tick=False):
        call_command("run_scheduler", "--once", verbosity=0)

    assert len(mail.outbox) == 1


def test_a_cancelled_sending_sends_nothing(issue):
    SubscriberFactory()
    scheduled = sending.schedule(issue, send_at=SEND_AT, requested_by=None)

    assert scheduled.cancel()
    with time_machine.travel(SEND_AT + datetime.timedelta(minutes=1), tick=False):
        send_due_issues()

    assert mail.outbox == []
    assert not Delivery.objects.exists()


def test_a_sending_whose_worker_died_is_resumed_by_the_scheduler(issue, settings):
    settings.NEWSLETTER_CHUNK_SIZE = 1
    readers = SubscriberFactory.create_batch(3)
    with time_machine.travel(SEND_AT, tick=False):
        scheduled = sending.schedule(issue, send_at=SEND_AT, requested_by=None)
        started = sending.start(scheduled.pk)
        sending.ChunkSender(started, mail.get_connection()).send_next_chunk()
        # …and the worker dies: nobody resumes it until it is presumed dead.
        send_due_issues()
        assert len(mail.outbox) == 1

    later = SEND_AT + datetime.timedelta(seconds=settings.NEWSLETTER_RESUME_AFTER_SECONDS + 1)
    with time_machine.travel(later, tick=False):
        send_due_issues()

    assert recipients_of_the_outbox() == {reader.email: 1 for reader in readers}


def test_the_stories_since_the_last_issue_are_those_published_after_it_went_out(
    news_index, stories
):
    SubscriberFactory(email="ada@example.org")
    with time_machine.travel(SEND_AT, tick=False):
        send_now(NewsletterIssueFactory(stories=stories))
    with time_machine.travel(SEND_AT + datetime.timedelta(days=1), tick=False):
        newer = publish(StoryFactory(title="Defence ministers meet"))
        StoryFactory(title="A draft nobody may read", live=False)
    mail.outbox.clear()

    with time_machine.travel(SEND_AT + datetime.timedelta(days=7), tick=False):
        send_now(
            NewsletterIssueFactory(story_selection="since_last_issue", subject="The week after")
        )

    text, _html = as_received(mail.outbox[0], "ada@example.org")
    assert newer.title in text
    assert "Allies meet in Vilnius" not in text
    assert "A draft nobody may read" not in text


def test_a_bounced_subscriber_is_skipped_by_the_next_issue(issue, stories):
    bounced = SubscriberFactory(email="gone@example.org")
    kept = SubscriberFactory()
    bounced.suppress(Subscriber.Status.BOUNCED, reported_at=timezone.now())

    send_now(issue)

    assert recipients_of_the_outbox() == {kept.email: 1}
