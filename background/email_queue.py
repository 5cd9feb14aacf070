"""Every email the site sends is first a row in the database, then a Celery task delivers it.

`EMAIL_BACKEND` is `QueuedEmailBackend`: django-mailer's database queue. A message is stored
inside the transaction that made it (a verification code with its account, a review
notification with its workflow step), so it is sent only if that transaction commits, and
a web request never waits on the provider. Once the transaction has committed, a task hands
the queue to `MAILER_EMAIL_BACKEND`, the real backend (Anymail in production).

Nothing here is lost when Redis, a worker or the provider goes away: the queue is in
PostgreSQL. Beat delivers whatever a lost task left every minute, and puts messages the
provider refused back in the queue every few minutes, up to `MAILER_EMAIL_MAX_RETRIES`.

Senders that need the provider's own answer for each message (the newsletter's batches, with
their message ids and per-recipient status) use `delivery_connection()` and skip the queue.
"""

import logging

from django.conf import settings
from django.core.mail import get_connection
from mailer.backend import DbBackend
from mailer.models import RESULT_FAILURE, MessageLog

from .hand_off import hand_off_after_commit
from .tasks import deliver_queued_email

logger = logging.getLogger(__name__)


class QueuedEmailBackend(DbBackend):
    def send_messages(self, email_messages):
        queued = super().send_messages(email_messages)
        if queued:
            # Should the broker not take the task, beat's next round delivers the message.
            hand_off_after_commit(deliver_queued_email)
        return queued


def delivery_connection(**kwargs):
    """A connection to the real backend, for senders that must see the provider's answer."""
    return get_connection(settings.MAILER_EMAIL_BACKEND, **kwargs)


def defer_on_any_error(connection, message, error):
    """django-mailer defers only SMTP errors and re-raises the rest, which would leave one
    unsendable message at the head of the queue for ever. Any provider error defers the
    message (retried by `background.tasks.retry_deferred_email`) and the rest of the queue
    goes on."""
    message.defer()
    MessageLog.objects.log(message, RESULT_FAILURE, log_message=str(error)[:1000])
    logger.warning("Email %s deferred: %s", message.pk, error)
    return None, "deferred"
