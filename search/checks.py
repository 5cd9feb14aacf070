from django.conf import settings
from django.core.checks import Error


def every_language_has_a_search_configuration(app_configs, **kwargs):
    """Adding a language to LANGUAGES also means naming, and on PostgreSQL creating (a
    migration, as search/migrations/0001 does), its text search configuration."""
    backend = settings.WAGTAILSEARCH_BACKENDS["default"]
    if backend["BACKEND"] != "search.backend":
        return []
    configured = backend.get("SEARCH_CONFIGS", {})
    return [
        Error(
            f"The language {code!r} has no text search configuration.",
            hint="Add it to WAGTAILSEARCH_BACKENDS['default']['SEARCH_CONFIGS'].",
            id="site_search.E001",
        )
        for code, _name in settings.LANGUAGES
        if code not in configured
    ]
