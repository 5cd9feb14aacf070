"""One sitemap for every locale, each page declaring its translations as hreflang alternates."""

from collections import defaultdict

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from wagtail.models import Page

from .page_base import published


class PublishedPagesSitemap(Sitemap):
    def items(self):
        return list(
            published(Page.objects.filter(depth__gt=1))
            .select_related("locale")
            .order_by("path", "locale__language_code")
        )

    def location(self, page):
        return page.url

    def lastmod(self, page):
        return page.last_published_at

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        translations = defaultdict(list)
        for url in urls:
            translations[url["item"].translation_key].append(url)
        for url in urls:
            group = translations[url["item"].translation_key]
            url["alternates"] = [
                {"lang_code": other["item"].locale.language_code, "location": other["location"]}
                for other in group
            ]
            default = next(
                (
                    other
                    for other in group
                    if other["item"].locale.language_code == settings.LANGUAGE_CODE
                ),
                None,
            )
            if default and len(group) > 1:
                url["alternates"].append(
                    {"lang_code": "x-default", "location": default["location"]}
                )
        return urls
