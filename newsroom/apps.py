from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsroomConfig(AppConfig):
    name = "newsroom"
    verbose_name = _("News stories")

    def ready(self):
        from .fragment_cache import connect_signals

        connect_signals()
