"""Reading what the platform sent, as a person reads their inbox."""

import re

from django.core import mail


def last_code():
    """The code in the most recent email: six digits to verify an address, eight to reset a
    password."""
    return re.search(r"^\s*(\d{6}|\d{8})\s*$", mail.outbox[-1].body, re.MULTILINE)[1]


def merge_field(name):
    """How the newsletter writes a merge field for Anymail's test backend (providers.py)."""
    return "{{" + name + "}}"


def as_received(message, recipient):
    """A batch message from Anymail's test backend as `recipient` reads it: each merge field
    filled in with their own values, as the email service does."""
    values = message.anymail_test_params["merge_data"][recipient]
    text = message.body
    html = next(content for content, mimetype in message.alternatives if mimetype == "text/html")
    for name, value in values.items():
        text = text.replace(merge_field(name), value)
        html = html.replace(merge_field(name), value)
    return text, html


def accepted_messages():
    """The messages in the outbox that the (test) provider accepted: Anymail's test backend
    also keeps those it was told to refuse with an error."""
    return [
        message
        for message in mail.outbox
        if getattr(message, "anymail_status", None)
        and message.anymail_status.message_id is not None
    ]
