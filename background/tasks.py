"""The email queue's entry points (background/email_queue.py explains the queue)."""

from celery import shared_task
from django.conf import settings
from mailer import engine
from mailer.models import RESULT_CODES, Message, MessageLog


@shared_task(acks_late=True, ignore_result=True)
def deliver_queued_email():
    """Send what is in the queue. Safe to run in several workers at once: each message is
    sent under a row lock (NOWAIT), so a worker skips what another is sending."""
    engine.send_all()


@shared_task(ignore_result=True)
def retry_deferred_email():
    """Put the messages the provider refused back in the queue, then send them."""
    if Message.objects.retry_deferred():
        engine.send_all()


@shared_task(ignore_result=True)
def forget_old_email_log():
    """Who was sent what and when, kept MAILER_LOG_KEEP_DAYS for support, then forgotten."""
    every_result = [code for code, _label in RESULT_CODES]
    MessageLog.objects.purge_old_entries(settings.MAILER_LOG_KEEP_DAYS, every_result)
