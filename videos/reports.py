"""The admin's download report: downloads per video and per day, with a chart and CSV/XLSX
export (Wagtail's report views)."""

import datetime

import django_filters
from django.db.models import Count, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from .models import Download, Video

CHART_DAYS = 30


class DownloadReportFilterSet(WagtailFilterSet):
    downloaded_at = django_filters.DateFromToRangeFilter(
        label=_("Downloaded between"), widget=DateRangePickerWidget
    )
    video = django_filters.ModelChoiceFilter(
        label=_("Video"), queryset=Video.objects.order_by("title")
    )

    class Meta:
        model = Download
        fields = ["downloaded_at", "video"]


class DownloadReportView(ReportView):
    page_title = _("Video downloads")
    header_icon = "download"
    filterset_class = DownloadReportFilterSet
    index_url_name = "videos_download_report"
    index_results_url_name = "videos_download_report_results"
    results_template_name = "videos/reports/downloads_results.html"
    permission_policy = ModelPermissionPolicy(Download)
    any_permission_required = ["view"]
    export_filename = "video-downloads"
    list_export = ["day", "video__title", "downloads", "bytes_served"]
    export_headings = {
        "day": _("Day"),
        "video__title": _("Video"),
        "downloads": _("Downloads"),
        "bytes_served": _("Bytes served"),
    }
    columns = [
        Column("day", label=_("Day")),
        Column("video__title", label=_("Video")),
        Column("downloads", label=_("Downloads")),
        Column("bytes_served", label=_("Bytes served")),
    ]

    def get_queryset(self):
        return Download.objects.all()

    def get_filtered_queryset(self):
        self.filtered_downloads = self.filter_queryset(self.get_queryset())
        return (
            self.filtered_downloads.annotate(day=TruncDate("downloaded_at"))
            .values("day", "video_id", "video__title")
            .annotate(downloads=Count("pk"), bytes_served=Sum("size"))
            .order_by("-day", "video__title")
        )

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["chart"] = daily_chart(self.filtered_downloads)
        return context


def daily_chart(downloads, days=CHART_DAYS):
    """The last `days` days of downloads as bars, each scaled to the busiest day."""
    today = timezone.localdate()
    first = today - datetime.timedelta(days=days - 1)
    totals = dict(
        downloads.filter(downloaded_at__date__gte=first)
        .annotate(day=TruncDate("downloaded_at"))
        .values_list("day")
        .annotate(count=Count("pk"))
        .values_list("day", "count")
    )
    busiest = max(totals.values(), default=0) or 1
    return {
        "first": first,
        "last": today,
        "total": sum(totals.values()),
        "bars": [
            {
                "day": day,
                "count": totals.get(day, 0),
                "height": (height := round(totals.get(day, 0) / busiest * 100)),
                "x": index * 10,
                "y": 102 - height,
            }
            for index, day in enumerate(first + datetime.timedelta(days=n) for n in range(days))
        ],
    }
