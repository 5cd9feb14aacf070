from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.views.generic import TemplateView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms.health import healthz, readyz
from cms.public_media import serve_public_media
from newsroom.feeds import LatestStoriesAtomFeed, LatestStoriesFeed
from newsroom.sitemaps import PublishedPagesSitemap

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    path("admin/", include(wagtailadmin_urls)),
    # The providers' tracking webhooks: /anymail/<provider>/tracking/ (newsletters/webhooks.py).
    path("anymail/", include("newsletters.webhooks")),
    path("documents/", include(wagtaildocs_urls)),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": {"pages": PublishedPagesSitemap}},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
]

if settings.SERVE_MEDIA_FILES:
    # Only the public media folder; private masters live elsewhere and have no URL. Documents
    # are left out: Wagtail's /documents/<id>/<name> serves them after checking the privacy
    # of their collection, and their files are never served by address.
    urlpatterns += [
        re_path(
            r"^{}(?!documents/)(?P<path>.*)$".format(settings.MEDIA_URL.lstrip("/")),
            serve_public_media,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

urlpatterns += i18n_patterns(
    path("", include("users.urls")),
    path("", include("videos.urls")),
    path("", include("newsletters.urls")),
    path("", include("search.urls")),
    path("feeds/rss/", LatestStoriesFeed(), name="feed-rss"),
    path("feeds/atom/", LatestStoriesAtomFeed(), name="feed-atom"),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
