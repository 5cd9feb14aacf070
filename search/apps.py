from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "site_search"
    verbose_name = _("Search")

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.contrib.search_promotions.models import SearchPromotion

        from newsroom.fragment_cache import bump_content_version

        from .checks import every_language_has_a_search_configuration

        checks.register(every_language_has_a_search_configuration)
        # Pages of results are cached until content changes (searching.SiteSearch.page), and
        # they show the promoted results.
        for signal in (post_save, post_delete):
            signal.connect(
                bump_content_version,
                sender=SearchPromotion,
                dispatch_uid=f"search-promotions-{signal}",
            )
