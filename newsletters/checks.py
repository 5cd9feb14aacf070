"""Startup checks: the email backend can send the newsletter in batches, and, for a
deployment, the provider's reports can reach the site."""

from anymail.exceptions import AnymailConfigurationError
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from users.email_queue import delivery_connection

from .providers import provider_for
from .webhooks import webhook_secrets


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
