"""Sending an issue to its subscribers, in chunks that survive crashes.

A sending goes scheduled → sending → sent (or cancelled before it starts). When it starts,
in one transaction, the issue is rendered once and the result kept on the `Sending`, and a
`Delivery` row is queued for every confirmed subscriber of the issue's language. The unique
(issue, subscriber) constraint means no second row can ever be made for anyone.

Then chunk after chunk, each in its own transaction:

1. claim: lock the next queued rows (`SELECT … FOR UPDATE SKIP LOCKED`, in id order), so
   that two workers on the same issue never take the same rows;
2. send them as one Anymail batch, each recipient with their own greeting and unsubscribe
   link (`merge_data`) and List-Unsubscribe header (`merge_headers`);
3. mark each row sent (with the provider's message id) or failed, and commit.

A row leaves "queued" only in the transaction that records the provider's answer. If the
worker dies before that commit, the database rolls the claim back: the chunk is queued again
and goes out on resume. After the commit it is "sent" and is never claimed again. So a
recipient is neither skipped nor sent twice, with one window left: a worker killed after
the provider accepted the batch but before the commit, a few milliseconds, sends that
chunk again. Closing it needs an idempotency key honoured by the provider, which none of
Anymail's batch APIs offers.

A provider error (the call raised) leaves the rows queued, counts the attempt and its error
on them, and raises `ProviderUnavailable`, which the task retries with backoff.
"""

import datetime
import itertools
from dataclasses import dataclass

from anymail.exceptions import AnymailError
from django.conf import settings
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from wagtail.log_actions import log

from background.email_queue import delivery_connection

from .models import Delivery, Sending
from .providers import Batch, Recipient, provider_for
from .rendering import RecipientFields, RenderedIssue, preview_fields, render_issue

# What a provider raises when it could not take the batch: Anymail's errors (API answers,
# network failures), and OSError for SMTP and the embedded mode's files.
PROVIDER_ERRORS = (AnymailError, OSError)
ONE_CLICK = "List-Unsubscribe=One-Click"
ERROR_MAX_LENGTH = 2000


class ProviderUnavailable(Exception):
    """The provider did not take a chunk; it stays queued, to be tried again later.
    `attempts` is how often the chunk has been tried: the delivery rows count it, so the
    count survives a worker's death and a resumption by the scheduler."""

    def __init__(self, message, *, attempts):
        super().__init__(message)
        self.attempts = attempts


@dataclass(frozen=True)
class ChunkResult:
    """How many queued rows a chunk claimed, and how many of them the provider took."""

    claimed: int = 0
    sent: int = 0


def schedule(issue, *, send_at, requested_by):
    """The editor's "Send": at once (send_at now) or at a time. The issue is rendered when it
    starts, so changes made until then go out. An issue goes out once: asked twice (a double
    click), the second asking gets the first sending."""
    scheduled, created = Sending.objects.get_or_create(
        issue=issue, defaults={"send_at": send_at, "requested_by": requested_by}
    )
    if created:
        log(
            instance=issue,
            action="newsletters.send",
            user=requested_by,
            data={"send_at": send_at.isoformat()},
        )
    return scheduled


def start(sending_id):
    """Begin a due sending: render the issue once and queue one delivery per confirmed
    subscriber of its language, in one transaction. Returns the sending if it is under way
    (just begun, or begun before and being resumed), None if there is nothing to send."""
    with transaction.atomic():
        sending = (
            Sending.objects.select_for_update(of=("self",))
            .select_related("issue__locale")
            .filter(pk=sending_id)
            .first()
        )
        if sending is None or sending.status in (Sending.Status.SENT, Sending.Status.CANCELLED):
            return None
        if sending.status == Sending.Status.SCHEDULED:
            if sending.send_at > timezone.now():
                return None
            content = render_issue(sending.issue)
            sending.subject = content.subject
            sending.html = content.html
            sending.text = content.text
            sending.status = Sending.Status.SENDING
            sending.started_at = timezone.now()
            sending.resume_after = resume_deadline()
            sending.save()
            _queue_deliveries(sending)
    return sending


def _queue_deliveries(sending):
    """One queued row per recipient of the issue, in batches so that memory does not follow
    the size of the list."""
    subscribers = sending.issue.recipients().order_by("pk").values_list("pk", flat=True)
    batch_size = settings.NEWSLETTER_QUEUE_BATCH_SIZE
    last = 0
    while ids := list(subscribers.filter(pk__gt=last)[:batch_size]):
        Delivery.objects.bulk_create(
            [Delivery(issue_id=sending.issue_id, subscriber_id=pk) for pk in ids],
            ignore_conflicts=True,
        )
        last = ids[-1]


def send_all(sending, *, connection=None):
    """Send chunk after chunk until none is left, then record the sending as sent."""
    connection = connection or delivery_connection()
    sender = ChunkSender(sending, connection)
    while sender.send_next_chunk().claimed:
        pass
    finish_if_done(sending)


class ChunkSender:
    """Sends one sending's chunks through one connection. What every chunk shares (the
    rendered email, the provider, the headers) is worked out once."""

    def __init__(self, sending, connection):
        self.sending = sending
        self.connection = connection
        self.provider = provider_for(connection)
        self.content = RenderedIssue(sending.subject, sending.html, sending.text)
        self.fields_of = RecipientFields(sending.issue.language_code)
        self.chunk_size = settings.NEWSLETTER_CHUNK_SIZE
        issue_reference = f"newsletter-issue-{sending.issue_id}"
        self.tags = [issue_reference]
        self.metadata = {
            "newsletter_issue": str(sending.issue_id),
            "language": sending.issue.language_code,
        }

    def claim(self):
        return list(
            Delivery.objects.filter(issue_id=self.sending.issue_id, status=Delivery.Status.QUEUED)
            .select_for_update(skip_locked=True, of=("self",))
            .select_related("subscriber__user")
            .only(
                "attempts",
                "subscriber",
                "subscriber__email",
                "subscriber__name",
                "subscriber__status",
                "subscriber__user",
                "subscriber__user__first_name",
            )
            .order_by("pk")[: self.chunk_size]
        )

    def send_next_chunk(self):
        """Claim, send and record one chunk; ProviderUnavailable if the provider failed."""
        failure = attempts = None
        with transaction.atomic():
            claimed = self.claim()
            if not claimed:
                return ChunkResult()
            receiving = [d for d in claimed if d.subscriber and d.subscriber.is_receiving]
            receiving_ids = {d.pk for d in receiving}
            skipped = [d.pk for d in claimed if d.pk not in receiving_ids]
            if skipped:
                Delivery.objects.filter(pk__in=skipped).update(status=Delivery.Status.SKIPPED)
            sent = 0
            if receiving:
                try:
                    outcomes = self.provider.send(self.batch(receiving), self.connection)
                except PROVIDER_ERRORS as error:
                    failure, attempts = error, max(d.attempts for d in receiving) + 1
                    Delivery.objects.filter(pk__in=receiving_ids).update(
                        attempts=F("attempts") + 1, error=_describe(error)
                    )
                else:
                    sent = self.record(receiving, outcomes)
        if failure is not None:
            raise ProviderUnavailable(_describe(failure), attempts=attempts) from failure
        Sending.objects.filter(pk=self.sending.pk).update(resume_after=resume_deadline())
        return ChunkResult(claimed=len(claimed), sent=sent)

    def batch(self, deliveries):
        recipients = []
        for delivery in deliveries:
            subscriber = delivery.subscriber
            fields = self.fields_of(subscriber.pk, subscriber.greeting_name)
            recipients.append(
                Recipient(
                    email=subscriber.email,
                    fields=fields,
                    headers={"List-Unsubscribe": f"<{fields['unsubscribe_url']}>"},
                )
            )
        return Batch(
            content=self.content,
            recipients=recipients,
            from_email=settings.NEWSLETTER_FROM_EMAIL,
            headers={"List-Unsubscribe-Post": ONE_CLICK},
            tags=self.tags,
            metadata=self.metadata,
        )

    def record(self, deliveries, outcomes):
        """Every claimed row gets its own outcome; returns how many were sent. One statement
        whatever the chunk's size: `UPDATE … FROM (VALUES …)`, which PostgreSQL and SQLite
        both run. (Django's bulk_update builds a CASE per row and per field, and took longer
        than the sending.)"""
        rows = []
        for delivery in deliveries:
            outcome = outcomes[delivery.subscriber.email]
            status = Delivery.Status.SENT if outcome.accepted else Delivery.Status.FAILED
            rows.append((delivery.pk, status, outcome.message_id, outcome.detail))
        table = connection.ops.quote_name(Delivery._meta.db_table)
        values = ", ".join(["(%s, %s, %s, %s)"] * len(rows))
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET status = outcome.column2, message_id = outcome.column3, "
                f"error = outcome.column4, attempts = {table}.attempts + 1, "
                f"sent_at = CASE WHEN outcome.column2 = %s THEN %s ELSE {table}.sent_at END "
                f"FROM (VALUES {values}) AS outcome WHERE {table}.id = outcome.column1",
                [Delivery.Status.SENT, timezone.now(), *itertools.chain.from_iterable(rows)],
            )
        return sum(1 for row in rows if row[1] == Delivery.Status.SENT)


def finish_if_done(sending):
    """Sent, once no row is left queued (another worker may still hold the last chunk)."""
    if Delivery.objects.filter(issue_id=sending.issue_id, status=Delivery.Status.QUEUED).exists():
        return False
    Sending.objects.filter(pk=sending.pk, status=Sending.Status.SENDING).update(
        status=Sending.Status.SENT, finished_at=timezone.now(), resume_after=None
    )
    return True


def postpone(sending, until):
    """Nothing is to happen before `until` (a retry's time): neither presume the worker dead
    nor resume the sending before then."""
    Sending.objects.filter(pk=sending.pk).update(resume_after=until)


def give_up(sending, error):
    """After the last retry: what is still queued failed, and the sending is over. The admin
    can queue the failed deliveries again ("Retry failed deliveries")."""
    Delivery.objects.filter(issue_id=sending.issue_id, status=Delivery.Status.QUEUED).update(
        status=Delivery.Status.FAILED, error=_describe(error)
    )
    finish_if_done(sending)


def retry_failed(sending):
    """Queue the failed deliveries of a finished sending again, and resume it."""
    if not sending.failures_may_be_retried:
        return 0
    with transaction.atomic():
        requeued = Delivery.objects.filter(
            issue_id=sending.issue_id, status=Delivery.Status.FAILED
        ).update(status=Delivery.Status.QUEUED)
        if requeued:
            Sending.objects.filter(pk=sending.pk).update(
                status=Sending.Status.SENDING, finished_at=None, resume_after=resume_deadline()
            )
    return requeued


def send_test(issue, user, *, connection=None):
    """The issue as it stands, to the editor alone, through the same provider path as a real
    chunk: what the editor reads is what the service will make of it."""
    connection = connection or delivery_connection()
    content = render_issue(issue, subject_prefix="[Test] ")
    fields = preview_fields(issue, user)
    batch = Batch(
        content=content,
        recipients=[Recipient(email=user.email, fields=fields)],
        from_email=settings.NEWSLETTER_FROM_EMAIL,
        headers={},
        tags=["newsletter-test"],
        metadata={"newsletter_issue": str(issue.pk)},
    )
    try:
        outcome = provider_for(connection).send(batch, connection)[user.email]
    except PROVIDER_ERRORS as error:
        raise ProviderUnavailable(_describe(error), attempts=1) from error
    if not outcome.accepted:
        raise ProviderUnavailable(outcome.detail, attempts=1)


def resume_deadline(after_seconds=0):
    """When a sending that shows no progress from now is presumed to have lost its worker."""
    return timezone.now() + datetime.timedelta(
        seconds=after_seconds + settings.NEWSLETTER_RESUME_AFTER_SECONDS
    )


def _describe(error):
    return f"{type(error).__name__}: {error}"[:ERROR_MAX_LENGTH]
