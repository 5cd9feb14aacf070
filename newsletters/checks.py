"""Startup checks: the email backend can send the newsletter in batches, and, for a
deployment, the provider's reports can reach the site."""

import warnings

from anymail.exceptions import AnymailConfigurationError
from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from background.email_queue import delivery_connection

from .providers import provider_for
from .webhooks import anymail_tracking_pattern, webhook_secrets


@checks.register(checks.Tags.compatibility)
def check_email_backend(app_configs, **kwargs):
    try:
        provider_for(delivery_connection())
    except (ImproperlyConfigured, AnymailConfigurationError) as error:
        return [checks.Error(str(error), id="newsletters.E001")]
    return []


@checks.register(checks.Tags.security, deploy=True)
def check_webhook_secret(app_configs, **kwargs):
    if webhook_secrets():
        return []
    return [
        checks.Warning(
            "ANYMAIL has no WEBHOOK_SECRET: the provider's reports of bounces, complaints "
            "and unsubscriptions are refused, and such addresses keep receiving the newsletter.",
            hint='Set "WEBHOOK_SECRET": "user:password" in the ANYMAIL setting (JSON) and the '
            "same credentials in the provider's webhook URL.",
            id="newsletters.W001",
        )
    ]


@checks.register(checks.Tags.security, deploy=True)
def check_webhook_keys(app_configs, **kwargs):
    pattern = anymail_tracking_pattern(settings.ANYMAIL_ESP)
    if pattern is None:
        return []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the missing secret is W001's to report
            pattern.callback.view_class()
    except AnymailConfigurationError as error:
        return [
            checks.Warning(
                f"The provider's reports of bounces, complaints and unsubscriptions are "
                f"refused: {error}",
                hint="Set the provider's webhook signing key in the ANYMAIL setting (JSON).",
                id="newsletters.W002",
            )
        ]
    return []
