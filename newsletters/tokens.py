"""The newsletter's signed links: the confirmation of a subscription, which expires, and each
recipient's unsubscribe link, which does not.

Both are signed with the site's secret key (django.core.signing: HMAC-SHA256, and
SECRET_KEY_FALLBACKS for a key being rotated), so neither can be guessed from a subscriber's
number nor altered without the signature failing.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core import signing

CONFIRM_SALT = "newsletters.confirm"
UNSUBSCRIBE_SALT = "newsletters.unsubscribe"


class InvalidToken(Exception):
    """Forged, altered or truncated."""


class ExpiredToken(InvalidToken):
    """Genuine, but older than NEWSLETTER_CONFIRMATION_MAX_AGE."""


@dataclass(frozen=True)
class Confirmation:
    """What a person chose when subscribing; it takes effect when they confirm."""

    subscriber_id: int
    language: str
    topic_ids: tuple
    name: str


def confirmation_valid_days():
    return settings.NEWSLETTER_CONFIRMATION_MAX_AGE // (24 * 60 * 60)


def confirmation_token(subscriber, *, language, topic_ids, name):
    return signing.dumps(
        {"s": subscriber.pk, "l": language, "t": list(topic_ids), "n": name},
        salt=CONFIRM_SALT,
        compress=True,
    )


def read_confirmation_token(token):
    try:
        data = signing.loads(
            token, salt=CONFIRM_SALT, max_age=settings.NEWSLETTER_CONFIRMATION_MAX_AGE
        )
    except signing.SignatureExpired as expired:
        raise ExpiredToken from expired
    except signing.BadSignature as bad:
        raise InvalidToken from bad
    return Confirmation(
        subscriber_id=data["s"], language=data["l"], topic_ids=tuple(data["t"]), name=data["n"]
    )


def _unsubscribe_signer():
    return signing.Signer(salt=UNSUBSCRIBE_SALT)


def unsubscribe_token(subscriber_id):
    return _unsubscribe_signer().sign(str(subscriber_id))


def read_unsubscribe_token(token):
    """The subscriber's number, if the token is one the site signed."""
    try:
        return int(_unsubscribe_signer().unsign(token))
    except (signing.BadSignature, ValueError) as bad:
        raise InvalidToken from bad
