from django.urls import path, re_path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView
from wagtail import hooks
from wagtail.admin.forms.collections import collection_member_permission_formset_factory
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtailmedia.models import Media

from .admin_views import add_video, processing_status, reprocess
from .chooser import video_chooser_viewset
from .reports import DownloadReportView


@hooks.register("register_admin_viewset")
def register_video_chooser():
    return video_chooser_viewset


# wagtailmedia's group panel offers adding and editing only; choosing gets a panel of its own.
ChooseMediaPermissionFormSet = collection_member_permission_formset_factory(
    Media,
    [("choose_media", _("Choose"), _("Choose any video for a story"))],
    "videos/permissions/choose_permissions_formset.html",
    default_prefix="choose_media_permissions",
)


@hooks.register("register_group_permission_panel")
def register_choose_media_permission_panel():
    return ChooseMediaPermissionFormSet


@hooks.register("register_admin_urls")
def register_video_admin_urls():
    # Registered before wagtailmedia's (this app comes first in INSTALLED_APPS), so these
    # take its upload addresses: the library holds videos only.
    return [
        path("media/video/add/", add_video, name="videos_add"),
        re_path(
            r"^media/(?:audio|media)/add/$",
            RedirectView.as_view(pattern_name="videos_add"),
        ),
        path("videos/<int:pk>/status/", processing_status, name="videos_processing_status"),
        path("videos/<int:pk>/process-again/", reprocess, name="videos_reprocess"),
        path(
            "reports/video-downloads/",
            DownloadReportView.as_view(),
            name="videos_download_report",
        ),
        path(
            "reports/video-downloads/results/",
            DownloadReportView.as_view(results_only=True),
            name="videos_download_report_results",
        ),
    ]


class DownloadReportMenuItem(MenuItem):
    def is_shown(self, request):
        return DownloadReportView.permission_policy.user_has_permission(request.user, "view")


@hooks.register("register_reports_menu_item")
def register_download_report_menu_item():
    return DownloadReportMenuItem(
        _("Video downloads"), reverse("videos_download_report"), icon_name="download", order=700
    )


@hooks.register("register_log_actions")
def register_video_log_actions(actions):
    actions.register_action(
        "videos.process_again", _("Process a video again"), _("Video processing asked again")
    )


# Last: importing the snippet views makes Wagtail collect every app's hooks, and this app's
# admin URLs above must be registered before wagtailmedia's, whose addresses they take.
from .text_views import VideoTextViewSet  # noqa: E402

register_snippet(VideoTextViewSet)
