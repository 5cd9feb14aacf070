"""What providers report through Anymail's tracking webhooks: a bounce, a complaint or an
unsubscription stops mail to the address.

The webhook only records each report, once per event id, and hands it to a task: it answers
the provider at once, and a replayed report (providers post again whatever they think
failed) finds its row already there and changes nothing. Reports of anything else (opens,
clicks, deliveries) are not kept.
"""

import hashlib

from anymail.signals import EventType, RejectReason
from django.utils import timezone

from background.hand_off import hand_off_after_commit

from .models import Delivery, TrackingEvent
from .tasks import apply_tracking_event

Feedback = Delivery.Feedback

SUPPRESSING_EVENTS = {
    EventType.BOUNCED: Feedback.BOUNCED,
    EventType.COMPLAINED: Feedback.COMPLAINED,
    EventType.UNSUBSCRIBED: Feedback.UNSUBSCRIBED,
}
# A service that refuses to send names its reason: an address it knows to be dead, or a
# person who complained or unsubscribed with it, is as good as reported again.
SUPPRESSING_REJECTIONS = {
    RejectReason.BOUNCED: Feedback.BOUNCED,
    RejectReason.INVALID: Feedback.BOUNCED,
    RejectReason.SPAM: Feedback.COMPLAINED,
    RejectReason.UNSUBSCRIBED: Feedback.UNSUBSCRIBED,
}
DESCRIPTION_MAX_LENGTH = 1000
# An address longer than RFC 5321 allows is no subscriber's; a number longer than this is
# no issue's.
RECIPIENT_MAX_LENGTH = 254
ISSUE_NUMBER_MAX_DIGITS = 18


def suppression_for(event):
    if event.event_type == EventType.REJECTED:
        return SUPPRESSING_REJECTIONS.get(event.reject_reason)
    return SUPPRESSING_EVENTS.get(event.event_type)


def event_id_of(event, esp_name):
    """The provider's id for the event; for the few that send none, one made from what the
    event says, so that the same report posted twice still has one id."""
    if event.event_id:
        return str(event.event_id)[:255]
    facts = "|".join(
        str(fact)
        for fact in (esp_name, event.event_type, event.message_id, event.recipient, event.timestamp)
    )
    return "derived:" + hashlib.sha256(facts.encode()).hexdigest()


def record(sender, event, esp_name, **kwargs):
    """Receiver of Anymail's `tracking` signal, inside the webhook's request."""
    suppression = suppression_for(event)
    recipient = str(event.recipient or "")
    if suppression is None or not recipient or len(recipient) > RECIPIENT_MAX_LENGTH:
        return
    issue_reference = str((event.metadata or {}).get("newsletter_issue", ""))
    names_an_issue = issue_reference.isdigit() and len(issue_reference) <= ISSUE_NUMBER_MAX_DIGITS
    row, created = TrackingEvent.objects.get_or_create(
        esp_name=esp_name,
        event_id=event_id_of(event, esp_name),
        defaults={
            "event_type": event.event_type,
            "suppresses_as": suppression,
            "recipient": recipient,
            "message_id": str(event.message_id or "")[:255],
            "metadata_issue": issue_reference if names_an_issue else "",
            "description": str(
                event.description or event.mta_response or event.reject_reason or ""
            )[:DESCRIPTION_MAX_LENGTH],
            "occurred_at": event.timestamp or timezone.now(),
        },
    )
    if created:
        # Beat applies reports left waiting should the broker not take this.
        hand_off_after_commit(apply_tracking_event, row.pk)
