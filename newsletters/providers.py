"""How each email service receives one batch of an issue.

Anymail gives one API for batch sending: `merge_data` makes one message per `to` address
with that recipient's values, and `merge_headers` gives each its own headers. It does not
give one syntax for the merge fields inside the content: each service has its own. This
module turns the markers of the rendering (`rendering.marker`) into that syntax:

- Merge fields in the content itself: Mailgun, SendGrid, SparkPost, Brevo, Mailjet,
  Postmark (through its bulk API, `"POSTMARK_USE_BULK_API": true` in ANYMAIL), and Anymail's
  test and console backends.
- A stored template: Amazon SES, whose batch API fills in fields only in a template kept at
  SES. The rendered email is cut at its markers and the pieces go as global data; the
  template, created once from `stored_template()` (`manage.py newsletter_ses_template`),
  puts them back together around each recipient's values. NEWSLETTER_PROVIDER_TEMPLATE
  names it.
- Any other Django email backend (the embedded mode's files, SMTP) has no batch API: each
  recipient's message is personalised here and the chunk goes out over one connection.

Other Anymail services are refused with a message saying so: they either have no batch
sending with per-recipient headers (the RFC 8058 unsubscribe header is per recipient) or no
merge fields outside stored templates.
"""

import contextlib
import re
from dataclasses import dataclass, field

from anymail.backends.base import AnymailBaseBackend
from anymail.exceptions import AnymailRecipientsRefused
from anymail.message import AnymailMessage
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMultiAlternatives
from django.core.mail.message import make_msgid

from .rendering import MERGE_FIELDS, marker, personalise

# Anymail's statuses for a recipient the service took on (it may still bounce later).
ACCEPTED_STATUSES = {"sent", "queued", "scheduled", "unknown"}


@dataclass(frozen=True)
class Recipient:
    email: str
    fields: dict
    headers: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Outcome:
    """What the service answered for one recipient."""

    accepted: bool
    message_id: str = ""
    detail: str = ""


@dataclass(frozen=True)
class Batch:
    """One call to the service: the same email for every recipient, each with their own
    fields and headers."""

    content: object  # rendering.RenderedIssue
    recipients: list
    from_email: str
    headers: dict
    tags: list
    metadata: dict


class InlineMergeFields:
    """Services that fill in merge fields written in the content."""

    def __init__(self, field_format, esp_extra=None):
        self.field_format = field_format
        self.esp_extra = esp_extra or {}

    def merge_field(self, name):
        return self.field_format.format(name)

    def fill(self, content):
        for name in MERGE_FIELDS:
            content = content.replace(marker(name), self.merge_field(name))
        return content

    def message(self, batch, connection):
        message = AnymailMessage(
            subject=batch.content.subject,
            body=self.fill(batch.content.text),
            from_email=batch.from_email,
            to=[recipient.email for recipient in batch.recipients],
            headers=batch.headers,
            connection=connection,
        )
        message.attach_alternative(self.fill(batch.content.html), "text/html")
        message.merge_data = {r.email: r.fields for r in batch.recipients}
        return _with_batch_extras(message, batch, self.esp_extra)

    def send(self, batch, connection):
        return _send_through_anymail(self.message(batch, connection), batch)


class StoredTemplate:
    """Services whose batch API fills in fields only in a template they store (Amazon SES).
    The template is the same for every issue: pieces of the rendered email around the
    recipient's fields."""

    FIELD_FORMAT = "{{{{{}}}}}"
    PIECE_FORMAT = "{{{{{{{}}}}}}}"  # unescaped: the pieces are HTML already

    def __init__(self, template_name, esp_extra=None):
        self.template_name = template_name
        self.esp_extra = esp_extra or {}

    def message(self, batch, connection):
        message = AnymailMessage(
            from_email=batch.from_email,
            to=[recipient.email for recipient in batch.recipients],
            headers=batch.headers,
            connection=connection,
        )
        message.template_id = self.template_name
        message.merge_global_data = {
            "subject": batch.content.subject,
            **pieces("html", batch.content.html),
            **pieces("text", batch.content.text),
        }
        message.merge_data = {r.email: r.fields for r in batch.recipients}
        return _with_batch_extras(message, batch, self.esp_extra)

    def send(self, batch, connection):
        return _send_through_anymail(self.message(batch, connection), batch)


class OnePerRecipient:
    """Backends without a batch API: a personalised message per recipient, all sent over
    one connection. The Message-ID set here is the one recorded."""

    def messages(self, batch, connection):
        messages = []
        for recipient in batch.recipients:
            message = EmailMultiAlternatives(
                subject=batch.content.subject,
                body=personalise(batch.content.text, recipient.fields),
                from_email=batch.from_email,
                to=[recipient.email],
                headers={**batch.headers, **recipient.headers, "Message-ID": make_msgid()},
                connection=connection,
            )
            message.attach_alternative(
                personalise(batch.content.html, recipient.fields), "text/html"
            )
            messages.append(message)
        return messages

    def send(self, batch, connection):
        messages = self.messages(batch, connection)
        connection.send_messages(messages)
        return {
            message.to[0]: Outcome(accepted=True, message_id=message.extra_headers["Message-ID"])
            for message in messages
        }


INLINE_FIELD_FORMATS = {
    "Mailgun": ("%recipient.{}%", {}),
    "SendGrid": ("-{}-", {"merge_field_format": "-{}-"}),
    "SparkPost": ("{{{{{}}}}}", {}),
    "Brevo": ("{{{{ params.{} }}}}", {}),
    "SendinBlue": ("{{{{ params.{} }}}}", {}),
    "Mailjet": ("{{{{var:{}}}}}", {"Globals": {"TemplateLanguage": True}}),
    "Postmark": ("{{{{{}}}}}", {}),
    "Test": ("{{{{{}}}}}", {}),
    "Console": ("{{{{{}}}}}", {}),
}
STORED_TEMPLATE_SERVICES = {"Amazon SES"}


def provider_for(connection):
    """How the newsletter sends through this email backend; ImproperlyConfigured, with the
    reason, for a service it cannot batch-send through."""
    if not isinstance(connection, AnymailBaseBackend):
        return OnePerRecipient()
    esp_name = connection.esp_name
    esp_extra = settings.NEWSLETTER_ESP_EXTRA
    if esp_name == "Postmark" and not connection.use_bulk_api:
        raise ImproperlyConfigured(
            "Postmark fills in merge fields outside stored templates only through its bulk "
            'API: add "POSTMARK_USE_BULK_API": true to the ANYMAIL setting.'
        )
    if esp_name in INLINE_FIELD_FORMATS:
        field_format, service_extra = INLINE_FIELD_FORMATS[esp_name]
        return InlineMergeFields(field_format, {**service_extra, **esp_extra})
    if esp_name in STORED_TEMPLATE_SERVICES:
        if not settings.NEWSLETTER_PROVIDER_TEMPLATE:
            raise ImproperlyConfigured(
                f"{esp_name} batch-sends only with a stored template: create it from "
                "`manage.py newsletter_ses_template` and name it in "
                "NEWSLETTER_PROVIDER_TEMPLATE."
            )
        return StoredTemplate(settings.NEWSLETTER_PROVIDER_TEMPLATE, esp_extra)
    supported = ", ".join(sorted([*INLINE_FIELD_FORMATS, *STORED_TEMPLATE_SERVICES]))
    raise ImproperlyConfigured(
        f"The newsletter cannot batch-send through {esp_name}: it supports {supported}."
    )


_MARKERS = re.compile("|".join(re.escape(marker(name)) for name in MERGE_FIELDS))


def pieces(part, content):
    """`content` cut at its merge-field markers, as `{part}_0`, `{part}_1`… The fields must
    come in the order of MERGE_FIELDS, each once, as in the stored template."""
    found = [match.group() for match in _MARKERS.finditer(content)]
    if found != [marker(name) for name in MERGE_FIELDS]:
        raise ImproperlyConfigured(
            f"The {part} part has merge fields {found}; the stored template expects "
            f"{[marker(name) for name in MERGE_FIELDS]}, once each, in that order."
        )
    return {f"{part}_{number}": piece for number, piece in enumerate(_MARKERS.split(content))}


def stored_template(name):
    """The stored template for `StoredTemplate`, as SES's CreateEmailTemplate takes it."""

    def layout(part):
        template = StoredTemplate.PIECE_FORMAT.format(f"{part}_0")
        for number, field_name in enumerate(MERGE_FIELDS, start=1):
            template += StoredTemplate.FIELD_FORMAT.format(field_name)
            template += StoredTemplate.PIECE_FORMAT.format(f"{part}_{number}")
        return template

    return {
        "TemplateName": name,
        "TemplateContent": {
            "Subject": StoredTemplate.FIELD_FORMAT.format("subject"),
            "Html": layout("html"),
            "Text": layout("text"),
        },
    }


def _with_batch_extras(message, batch, esp_extra):
    message.merge_headers = {r.email: r.headers for r in batch.recipients}
    message.tags = batch.tags
    message.metadata = batch.metadata
    if esp_extra:
        message.esp_extra = esp_extra
    return message


def _send_through_anymail(message, batch):
    # Every recipient refused is an answer, not a failure: each outcome below says why.
    with contextlib.suppress(AnymailRecipientsRefused):
        message.send()
    statuses = message.anymail_status.recipients
    outcomes = {}
    for recipient in batch.recipients:
        status = statuses.get(recipient.email)
        if status is None:
            outcomes[recipient.email] = Outcome(False, detail="no answer for this recipient")
            continue
        message_id = "" if status.message_id is None else str(status.message_id)
        if status.status in ACCEPTED_STATUSES:
            outcomes[recipient.email] = Outcome(True, message_id=message_id)
        else:
            outcomes[recipient.email] = Outcome(False, message_id=message_id, detail=status.status)
    return outcomes
