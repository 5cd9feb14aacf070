from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "site_search"
    verbose_name = _("Search")

    def ready(self):
        from .checks import every_language_has_a_search_configuration

        checks.register(every_language_has_a_search_configuration)
