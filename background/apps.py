from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BackgroundConfig(AppConfig):
    """Work every app hands to the background: Celery tasks queued once their transaction has
    committed (hand_off), and the email queue (email_queue). It sits below every other app,
    which may all import it, and imports none of them."""

    name = "background"
    verbose_name = _("Background work")
