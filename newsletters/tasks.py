"""The newsletter's background work. Each task loads its rows and calls the code that does
the work (sending.py, the models), which tests call directly too."""

import datetime
import logging

from celery import shared_task
from celery.utils.time import get_exponential_backoff_interval
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from . import sending
from .models import NewsletterIssue, Sending, TrackingEvent

logger = logging.getLogger(__name__)


def retry_countdown(failed_attempts):
    """Seconds before the next try: NEWSLETTER_RETRY_BACKOFF_SECONDS after the first failure,
    doubling after each one, up to NEWSLETTER_RETRY_BACKOFF_MAX_SECONDS."""
    return get_exponential_backoff_interval(
        factor=settings.NEWSLETTER_RETRY_BACKOFF_SECONDS,
        retries=failed_attempts - 1,
        maximum=settings.NEWSLETTER_RETRY_BACKOFF_MAX_SECONDS,
        full_jitter=False,
    )


# The tries are counted on the delivery rows (ProviderUnavailable.attempts) rather than by
# Celery's max_retries: the count survives a worker's death, and the last failure marks what
# is left as failed instead of leaving the sending half done.
@shared_task(bind=True, acks_late=True, ignore_result=True, max_retries=None)
def send_issue(self, sending_id):
    """Start a due sending, or resume one, and send it to the end. A provider error is
    retried with exponential backoff; after NEWSLETTER_SEND_MAX_RETRIES, what is left is
    marked failed."""
    under_way = sending.start(sending_id)
    if under_way is None:
        return
    try:
        sending.send_all(under_way)
    except sending.ProviderUnavailable as error:
        if error.attempts > settings.NEWSLETTER_SEND_MAX_RETRIES:
            sending.give_up(under_way, error)
            return
        countdown = retry_countdown(error.attempts)
        if self.request.is_eager:
            # Without a broker there is no worker to retry on: the scheduler's first tick
            # after the countdown resumes the sending (Sending.objects.due).
            sending.postpone(under_way, timezone.now() + datetime.timedelta(seconds=countdown))
            return
        sending.postpone(under_way, sending.resume_deadline(countdown))
        raise self.retry(exc=error, countdown=countdown) from error


@shared_task(ignore_result=True)
def send_due_issues():
    """Every minute (Celery beat, or the embedded mode's scheduler): start the sendings whose
    time has come, and resume those whose worker died without finishing."""
    due = list(Sending.objects.due(timezone.now()).values_list("pk", flat=True))
    # Not due again on the next tick, should the worker not have started it by then.
    Sending.objects.filter(pk__in=due).update(resume_after=sending.resume_deadline())
    for sending_id in due:
        send_issue.delay(sending_id)


@shared_task(bind=True, acks_late=True, ignore_result=True, max_retries=5)
def send_test_issue(self, issue_id, user_id):
    """An editor's test of an issue, retried with backoff if the provider fails. Without a
    broker there is no worker to retry on: the editor sees no test arrive and sends again."""
    issue = NewsletterIssue.objects.filter(pk=issue_id).first()
    user = get_user_model().objects.filter(pk=user_id).first()
    if issue is None or user is None:
        return
    try:
        sending.send_test(issue, user)
    except sending.ProviderUnavailable as error:
        if self.request.is_eager:
            logger.warning("The test of issue %s did not go out: %s", issue_id, error)
            return
        raise self.retry(exc=error, countdown=retry_countdown(self.request.retries + 1)) from error


@shared_task(acks_late=True, ignore_result=True)
def apply_tracking_event(event_id):
    event = TrackingEvent.objects.filter(pk=event_id).first()
    if event is not None:
        event.apply()


@shared_task(ignore_result=True)
def apply_waiting_tracking_events():
    """Every five minutes: the reports whose task never reached a worker (the broker was
    away when they came in). Applying one twice changes nothing."""
    waiting = TrackingEvent.objects.filter(
        processed_at__isnull=True,
        received_at__lt=timezone.now() - datetime.timedelta(minutes=1),
    )
    for event in waiting.order_by("pk")[:1000]:
        event.apply()
