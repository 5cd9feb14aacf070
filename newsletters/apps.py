from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewslettersConfig(AppConfig):
    name = "newsletters"
    verbose_name = _("Newsletters")

    def ready(self):
        from allauth.account.signals import email_changed
        from anymail.signals import tracking
        from django.contrib.auth import get_user_model
        from django.db.models.signals import pre_delete

        from . import checks  # noqa: F401  (registers the system checks)
        from .feedback import record
        from .subscriptions import follow_email_change, forget_account

        tracking.connect(record, dispatch_uid="newsletters-tracking")
        email_changed.connect(follow_email_change, dispatch_uid="newsletters-email-changed")
        pre_delete.connect(
            forget_account, sender=get_user_model(), dispatch_uid="newsletters-forget-account"
        )
