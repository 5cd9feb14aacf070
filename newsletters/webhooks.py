"""The configured provider's tracking webhook (Anymail's), behind the secret it needs here.

Anymail accepts unauthenticated posts when ANYMAIL["WEBHOOK_SECRET"] is not set (it only
warns): here every post is refused until it is set. A missing or wrong password gets 401
with a Basic challenge (where Anymail's own check would answer 400), and a body that cannot
be read (not JSON, not the provider's shape) gets 400 rather than an error page. Only the
tracking webhook of the provider named by ANYMAIL_ESP is mounted: the newsletter receives
no mail, and another provider's view would answer posts for a service that is not used
(some fail outright without their own signing keys).
"""

import logging
from functools import wraps

from anymail import urls as anymail_urls
from anymail.exceptions import (
    AnymailConfigurationError,
    AnymailError,
    AnymailWebhookValidationFailure,
)
from anymail.signals import tracking
from anymail.utils import get_anymail_setting, get_request_basic_auth
from django.conf import settings
from django.http import HttpResponse
from django.urls import URLPattern
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

logger = logging.getLogger(__name__)

# What reading a malformed body raises inside a provider's parse_events; Anymail's errors
# for a body of the wrong kind (an inbound message posted to the tracking URL, for one).
MALFORMED = (
    ValueError,
    KeyError,
    TypeError,
    AttributeError,
    IndexError,
    AnymailError,
    AnymailConfigurationError,
)


class MalformedWebhook(Exception):
    pass


def webhook_secrets():
    secrets = get_anymail_setting("webhook_secret", default=[])
    return [secrets] if isinstance(secrets, str) and secrets else list(secrets or [])


def _text_response(message, status):
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")


def behind_the_secret(view):
    @csrf_exempt
    @wraps(view)
    def guarded(request, *args, **kwargs):
        secrets = webhook_secrets()
        if not secrets:
            logger.error("A webhook post was refused: ANYMAIL has no WEBHOOK_SECRET.")
            return _text_response(_("Webhooks are refused until a secret is configured."), 403)
        given = get_request_basic_auth(request)
        if given is None or not any(constant_time_compare(given, secret) for secret in secrets):
            response = _text_response(_("Authentication is required."), 401)
            response["WWW-Authenticate"] = 'Basic realm="newsletter webhooks", charset="UTF-8"'
            return response
        try:
            return view(request, *args, **kwargs)
        except AnymailConfigurationError as error:
            # Raised as the provider's view is made, before it reads anything: its own keys
            # (a signing key, for most) are missing.
            logger.error("A webhook post was refused: %s", error)
            return _text_response(_("Webhooks are refused until the provider is configured."), 403)

    return guarded


def strict(view_class):
    """The provider's view, answering 400 to a body it cannot read."""

    def run_validators(self, request):
        # Some providers read the body while validating it (Amazon SES's notifications).
        try:
            return view_class.run_validators(self, request)
        except AnymailWebhookValidationFailure:
            raise  # a signature that does not match: Django answers 400 to it
        except MALFORMED as error:
            raise MalformedWebhook from error

    def parse_events(self, request):
        try:
            return view_class.parse_events(self, request)
        except MALFORMED as error:
            raise MalformedWebhook from error

    def post(self, request, *args, **kwargs):
        try:
            return view_class.post(self, request, *args, **kwargs)
        except MalformedWebhook:
            return _text_response(_("The body of this request could not be read."), 400)

    return type(
        f"Strict{view_class.__name__}",
        (view_class,),
        {"run_validators": run_validators, "parse_events": parse_events, "post": post},
    )


def anymail_tracking_pattern(esp_name):
    """Anymail's URL pattern of the tracking webhook of `esp_name` (an Anymail backend's
    name, as ANYMAIL_ESP), or None."""
    for pattern in anymail_urls.urlpatterns:
        view_class = getattr(pattern.callback, "view_class", None)
        if (
            pattern.name == f"{esp_name}_tracking_webhook"
            and getattr(view_class, "signal", None) is tracking
        ):
            return pattern
    return None


def tracking_urlpatterns(esp_name):
    pattern = anymail_tracking_pattern(esp_name)
    if pattern is None:
        return []
    view = behind_the_secret(strict(pattern.callback.view_class).as_view())
    return [URLPattern(pattern.pattern, view, name=pattern.name)]


urlpatterns = tracking_urlpatterns(settings.ANYMAIL_ESP)
app_name = "anymail"
