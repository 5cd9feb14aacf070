from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import reprocess
from .reports import DownloadReportView


@hooks.register("register_admin_urls")
def register_video_admin_urls():
    return [
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
