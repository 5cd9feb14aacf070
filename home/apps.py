from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Home")

    def ready(self):
        from django.core import checks
        from django.db.models.signals import post_migrate

        from .roles import connect_signals
        from .site_address import (
            check_default_site_follows_base_url,
            point_default_site_at_base_url,
        )

        connect_signals()
        post_migrate.connect(point_default_site_at_base_url, sender=self)
        checks.register(check_default_site_follows_base_url)
