from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.views.decorators.cache import never_cache
from django.views.generic import RedirectView, TemplateView
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.documents.views import serve as wagtaildocs_serve

from cms.health import healthz, readyz
from cms.public_media import serve_public_media
from newsroom.admin_views import PageEditView
from newsroom.feeds import LatestStoriesAtomFeed, LatestStoriesFeed
from newsroom.sitemaps import PublishedPagesSitemap
from users.admin_sign_in import AdminLoginView, AdminPasswordResetView
from users.password_guessing import limit_restriction_guesses

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    # Wagtail's admin login and password reset, with allauth's limits (users/admin_sign_in.py).
    path("admin/login/", AdminLoginView.as_view(), name="wagtailadmin_login"),
    path(
        "admin/password_reset/",
        AdminPasswordResetView.as_view(),
        name="wagtailadmin_password_reset",
    ),
    # Wagtail's page editor with the desk's scheduling messages, at Wagtail's own address and
    # behind the same checks as the rest of the admin.
    path(
        "admin/pages/<int:page_id>/edit/",
        require_admin_access(never_cache(PageEditView.as_view())),
    ),
    path("admin/", include(wagtailadmin_urls)),
    # The providers' tracking webhooks: /anymail/<provider>/tracking/ (newsletters/webhooks.py).
    path("anymail/", include("newsletters.webhooks")),
    path(
        "documents/authenticate_with_password/<int:restriction_id>/",
        limit_restriction_guesses(wagtaildocs_serve.authenticate_with_password),
        name="wagtaildocs_authenticate_with_password",
    ),
    path("documents/", include(wagtaildocs_urls)),
    # Videos' previews, posters and captions, once the video is public (videos/file_views.py).
    path("video-files/", include("videos.file_urls")),
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
    # Only the public media folder. Nothing private is in it, so no spelling of a path can
    # reach anything private: masters, documents and the files of videos not yet public live
    # in the private storage, read only by the views that check who may have them.
    urlpatterns += [
        re_path(
            r"^{}(?P<path>.*)$".format(settings.MEDIA_URL.lstrip("/")),
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
    # Wagtail's password form of a restricted page, limited as every password form is.
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        limit_restriction_guesses(wagtail_views.authenticate_with_password),
        name="wagtailcore_authenticate_with_password",
    ),
    # Readers sign in through allauth only: its limits, and its refusal of unverified addresses.
    path(
        "_util/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
        name="wagtailcore_login",
    ),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
