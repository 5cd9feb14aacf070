from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UsersConfig(AppConfig):
    name = "users"
    verbose_name = _("Users")

    def ready(self):
        from django.db.models.signals import post_delete
        from wagtail.signals import page_published, page_unpublished

        from . import audit
        from .models import TermsOfUsePage
        from .spreadsheets import escape_every_csv_export

        audit.connect_signals()
        escape_every_csv_export()

        for signal in (page_published, page_unpublished, post_delete):
            signal.connect(
                TermsOfUsePage.forget_current_version,
                sender=TermsOfUsePage,
                dispatch_uid=f"users-terms-version-{signal}",
            )
