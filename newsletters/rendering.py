"""An issue as an email: a responsive HTML part with its CSS inlined and a plain-text part,
rendered once in the issue's language.

What differs from one recipient to the next (the greeting and the unsubscribe link) is left
as a marker in the rendering; `providers.py` turns each marker into the merge field of the
email service, which fills it in for each recipient of a batch.
"""

from dataclasses import dataclass
from urllib.parse import urljoin

import css_inline
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from .tokens import unsubscribe_token

# The per-recipient fields, in the order the templates use them in both parts.
MERGE_FIELDS = ("greeting", "unsubscribe_url")

# Email clients keep few styles from a <style> element; each element carries its own. The
# media queries that make the layout responsive cannot be inlined, so they stay in <style>.
INLINER = css_inline.CSSInliner(keep_at_rules=True, load_remote_stylesheets=False)

# Characters that HTML escapes. A value merged into both parts of a batch is inserted as it
# is by some services and escaped by others, so the values are made of none of them.
_ESCAPED_IN_HTML = str.maketrans({"'": "’", '"': None, "<": None, ">": None, "&": None})


def marker(field):
    """What stands in the rendering for a recipient's own value: letters and underscores,
    which neither HTML escaping, CSS inlining nor URL handling changes."""
    return f"__newsletter_{field}__"


@dataclass(frozen=True)
class RenderedIssue:
    subject: str
    html: str
    text: str


def render_issue(issue, *, subject_prefix=""):
    """The issue as it goes out, with a marker for each per-recipient field."""
    with translation.override(issue.language_code):
        context = {
            "issue": issue,
            "stories": issue.stories(),
            "paragraphs": [part.strip() for part in issue.intro.split("\n\n") if part.strip()],
            "site_name": settings.WAGTAIL_SITE_NAME,
            "home_url": absolute_url(f"/{issue.language_code}/"),
            **{field: marker(field) for field in MERGE_FIELDS},
        }
        html = render_to_string("newsletters/email/issue.html", context)
        text = render_to_string("newsletters/email/issue.txt", context)
    return RenderedIssue(
        subject=subject_prefix + issue.subject, html=INLINER.inline(html), text=text
    )


def personalise(content, fields):
    """`content` with each marker replaced by this recipient's value, as the email service
    would deliver it."""
    for field, value in fields.items():
        content = content.replace(marker(field), value)
    return content


def greeting(name):
    """The first line of the email, in the active language."""
    name = " ".join(name.translate(_ESCAPED_IN_HTML).split())
    if name:
        return _("Hello %(name)s,") % {"name": name}
    return _("Hello,")


def absolute_url(path):
    return urljoin(settings.WAGTAILADMIN_BASE_URL, path)


class RecipientFields:
    """The per-recipient values of one issue's recipients, in the issue's language.

    The unsubscribe address is reversed once: only the signed token differs per recipient,
    and a send to a hundred thousand people computes it a hundred thousand times."""

    TOKEN = "TOKEN"

    def __init__(self, language_code):
        self.language_code = language_code
        with translation.override(language_code):
            self.unsubscribe_pattern = absolute_url(
                reverse("newsletter_unsubscribe", kwargs={"token": self.TOKEN})
            )
            self.anonymous_greeting = greeting("")

    def __call__(self, subscriber_id, name):
        if name:
            with translation.override(self.language_code):
                salutation = greeting(name)
        else:
            salutation = self.anonymous_greeting
        return {
            "greeting": salutation,
            "unsubscribe_url": self.unsubscribe_pattern.replace(
                self.TOKEN, unsubscribe_token(subscriber_id)
            ),
        }


def preview_fields(issue, user):
    """The fields of a preview or a test sent to an editor: greeted by their name, with the
    subscription page where the unsubscribe link would be, since they may not subscribe."""
    with translation.override(issue.language_code):
        return {
            "greeting": greeting(getattr(user, "first_name", "")),
            "unsubscribe_url": absolute_url(reverse("newsletter_subscribe")),
        }
