from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import AdminOnlyMenuItem

from .reports import SearchesWithNoResultReportView


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path(
            "reports/searches-with-no-result/",
            SearchesWithNoResultReportView.as_view(),
            name="search_no_result_report",
        ),
        path(
            "reports/searches-with-no-result/results/",
            SearchesWithNoResultReportView.as_view(results_only=True),
            name="search_no_result_report_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    # Beside Wagtail's "Search terms", the popular searches (order 1300).
    return AdminOnlyMenuItem(
        _("Searches with no result"),
        reverse("search_no_result_report"),
        name="searches-with-no-result",
        icon_name="search",
        order=1310,
    )
