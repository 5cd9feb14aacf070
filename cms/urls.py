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
from wagtail.admin.urls import display_custom_404
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.documents.views import serve as wagtaildocs_serve

from cms.health import healthz, readyz
from cms.public_media import serve_public_media
from newsroom.admin_views import PageCreateView, PageEditView, PageWorkflowActionView
from newsroom.api import api_router
from newsroom.embedding import embed, oembed
from newsroom.feeds import LatestStoriesAtomFeed, LatestStoriesFeed, LatestVideosFeed
from newsroom.sitemaps import PublishedPagesSitemap, VideoPagesSitemap
from users.admin_sign_in import AdminLoginView, AdminPasswordResetView
from users.password_guessing import limit_restriction_guesses


def as_admin_view(view):
    """A view mounted over one of Wagtail's admin URLs, decorated as Wagtail decorates its own:
    behind the admin's login, with the admin's not-found page, never cached."""
    return never_cache(display_custom_404(require_admin_access(view)))


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
    # Wagtail's page editor, page creation and workflow actions with the desk's scheduling
    # messages, at Wagtail's own addresses.
    path(
        "admin/pages/<int:page_id>/edit/",
        as_admin_view(PageEditView.as_view()),
    ),
    path(
        "admin/pages/add/<slug:content_type_app_name>/<slug:content_type_model_name>/"
        "<int:parent_page_id>/",
        as_admin_view(PageCreateView.as_view()),
    ),
    path(
        "admin/pages/workflow/action/<int:page_id>/<slug:action_name>/<int:task_state_id>/",
        as_admin_view(PageWorkflowActionView.as_view()),
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
    # The read-only public API: published stories and libraries, public videos (newsroom/api.py).
    path("api/v2/", api_router.urls),
    path(
        "sitemap.xml",
        sitemap,
        {
            "sitemaps": {"pages": PublishedPagesSitemap, "videos": VideoPagesSitemap},
            "template_name": "newsroom/sitemap.xml",
        },
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("oembed", oembed, name="oembed"),
    # Browsers and crawlers ask for /favicon.ico whatever a page says. The icon's address
    # without its content hash, which stays the same from one release to the next.
    path(
        "favicon.ico",
        RedirectView.as_view(url=f"{settings.STATIC_URL}img/favicon.ico", permanent=True),
        name="favicon",
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
    # ninjs and NewsML-G2 for newsrooms, and the guide to them (newsroom/delivery_urls.py).
    path("", include("newsroom.delivery_urls")),
    path("feeds/rss/", LatestStoriesFeed(), name="feed-rss"),
    path("feeds/atom/", LatestStoriesAtomFeed(), name="feed-atom"),
    path("feeds/videos/", LatestVideosFeed(), name="feed-videos"),
    # The player other sites frame (newsroom/embedding.py; cms/security_headers.py).
    path("embed/videos/<int:video_id>/", embed, name="video_embed"),
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
