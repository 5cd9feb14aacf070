from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsroomConfig(AppConfig):
    name = "newsroom"
    verbose_name = _("News stories")

    def ready(self):
        from . import fragment_cache, frontend_cache, visibility

        fragment_cache.connect_signals()
        frontend_cache.connect_signals()
        visibility.connect_signals()
