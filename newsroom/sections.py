"""The address of each language's section pages (its news index, its video library), read
once per request and cached until content changes: every page's header links to them, and a
story's structured data names its videos' pages in the library."""

from .fragment_cache import content_version, fragment_cache
from .visibility import published


def section_url(page_model, language, request):
    """The URL of the published `page_model` of `language`, or "" if there is none."""
    known = request.__dict__.setdefault("newsroom_section_urls", {})
    if (page_model, language) not in known:
        key = f"newsroom:section-url:{page_model._meta.label_lower}:{language}:{content_version()}"
        known[page_model, language] = fragment_cache().get_or_set(
            key, lambda: _published_url(page_model, language, request)
        )
    return known[page_model, language]


def _published_url(page_model, language, request):
    page = published(page_model.objects.filter(locale__language_code=language)).first()
    return page.get_url(request) if page else ""
