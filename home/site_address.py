"""The site's address has one source, BASE_URL (settings.WAGTAILADMIN_BASE_URL): Wagtail's
default Site, whose root URL makes pages' full URLs (canonical links, feeds, newsletter links),
follows it at every migrate, and a system check warns when the two differ, as images' and
emails' absolute URLs come from BASE_URL itself."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks
from django.db import DatabaseError
from wagtail.models import Site


def base_url():
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def point_default_site_at_base_url(**kwargs):
    address = urlsplit(base_url())
    port = address.port or (443 if address.scheme == "https" else 80)
    Site.objects.filter(is_default_site=True).update(hostname=address.hostname, port=port)


def check_default_site_follows_base_url(app_configs=None, **kwargs):
    try:
        site = Site.objects.filter(is_default_site=True).first()
    except DatabaseError:  # not migrated yet: migrate will point the site at BASE_URL
        return []
    if site is None or site.root_url == base_url():
        return []
    return [
        checks.Warning(
            f"The default site's address, {site.root_url}, is not BASE_URL, {base_url()}: "
            "page links would name one address and images and emails the other.",
            hint="Run manage.py migrate, which points the default site at BASE_URL, or set "
            "BASE_URL to the site's address.",
            obj=site,
            id="home.W001",
        )
    ]
