"""The CDN forgets every URL that publishing or unpublishing a page changes, in every language.

Publishing a story changes more than its own URL:
- its translations, whose language links and hreflang alternates name it;
- the pages that list pages (`lists_other_pages`: each language's home page, news index and
  video library, and the video pages of the videos it shows), in every language, since
  readers of one language also see the stories not yet translated into it;
- each language's RSS and Atom feeds, and the sitemap.

Wagtail's `frontend_cache` app would purge the published page alone and, on a multilingual
site, copy its path under every language prefix: right where one page answers under each
prefix, wrong here, where each translation is a page of its own with its own slugs
(/fr/actualites/…). So the app is not installed for its signal handlers; this module builds one
`PurgeBatch` of the URLs above and purges it once the publish has committed, through the
backend chosen by CDN_PROVIDER (cms/settings/base.py). Wagtail sends the batch as its own
background task: on the Celery workers when a broker is configured.

A video's files (preview, poster, captions) have addresses of their own, outside every page,
that the CDN may keep while the video is public; newsroom/visibility.py has them purged,
on every site, when the video stops being public.
"""

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page, Site, get_page_models
from wagtail.signals import page_published, page_unpublished

# Views outside the page tree that list stories: one URL per language each.
FEED_URL_NAMES = ["feed-rss", "feed-atom"]
SITEMAP_URL_NAME = "django.contrib.sitemaps.views.sitemap"


def urls_changed_by(page):
    """Every public URL whose content depends on whether `page` is published."""
    site = page.get_site()
    if site is None:
        return set()
    batch = PurgeBatch()
    batch.add_page(page)
    batch.add_pages(page.get_translations().live())
    for listing in _listing_pages():
        listing_url = listing.get_full_url(batch)
        if listing_url is not None:  # None: outside every site, so nowhere to purge
            batch.add_urls(
                listing_url + path.lstrip("/") for path in listing.cached_paths_showing(page)
            )
    root_url = site.root_url
    for language_code, _name in settings.LANGUAGES:
        with translation.override(language_code):
            batch.add_urls(root_url + reverse(name) for name in FEED_URL_NAMES)
    batch.add_url(root_url + reverse(SITEMAP_URL_NAME))
    return batch.urls


def purge_after_commit(sender, instance, **kwargs):
    if not settings.WAGTAILFRONTENDCACHE:
        return
    batch = PurgeBatch(urls_changed_by(instance))
    transaction.on_commit(batch.purge, robust=True)


def purge_video_files_after_commit(videos):
    """The CDN forgets the files of `videos` (a queryset) once the change has committed."""
    paths = [path for video in videos.prefetch_related("captions") for path in video.file_urls()]
    if not paths:
        return
    batch = PurgeBatch()
    for root_url in {site.root_url for site in Site.objects.all()}:
        batch.add_urls(root_url + path for path in paths)
    transaction.on_commit(batch.purge, robust=True)


def _listing_pages():
    listing_types = [
        model for model in get_page_models() if getattr(model, "lists_other_pages", False)
    ]
    return Page.objects.type(*listing_types).live().specific()


def connect_signals():
    for signal in (page_published, page_unpublished):
        signal.connect(purge_after_commit, dispatch_uid=f"newsroom-frontend-cache-{signal}")
