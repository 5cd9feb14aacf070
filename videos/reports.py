"""The admin's download report: downloads per video and per day, with a chart and CSV/XLSX
export (Wagtail's report views)."""

import datetime

import django_filters
from django.db.models import Count, Sum
from django.db.models.functions import TruncDate
from django.template.defaultfilters import filesizeformat
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


class FileSizeColumn(Column):
    """A number of bytes as people read it ("1.2 MB", "1,2 Mo"); the exports keep the bytes."""

    def get_value(self, instance):
        return filesizeformat(super().get_value(instance))


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
        FileSizeColumn("bytes_served", label=_("Data served")),
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


# The chart's drawing, in the units of its viewBox: room on the left for the counts and
# below for the days, so that no label is cut off.
CHART_WIDTH, CHART_HEIGHT = 640, 200
PLOT_LEFT, PLOT_RIGHT, PLOT_TOP, PLOT_BOTTOM = 56, 628, 16, 160


def daily_chart(downloads, days=CHART_DAYS):
    """The last `days` days of downloads as bars, each scaled to the busiest day, with what
    its axes and its table of figures show."""
    today = timezone.localdate()
    first = today - datetime.timedelta(days=days - 1)
    totals = dict(
        downloads.filter(downloaded_at__date__gte=first)
        .annotate(day=TruncDate("downloaded_at"))
        .values_list("day")
        .annotate(count=Count("pk"))
        .values_list("day", "count")
    )
    busiest = max(totals.values(), default=0)
    plot_height = PLOT_BOTTOM - PLOT_TOP
    step = (PLOT_RIGHT - PLOT_LEFT) / days
    bars = []
    for index in range(days):
        day = first + datetime.timedelta(days=index)
        count = totals.get(day, 0)
        height = round(count / (busiest or 1) * plot_height, 1)
        bars.append(
            {
                "day": day,
                "count": count,
                "x": round(PLOT_LEFT + index * step + step * 0.15, 1),
                "width": round(step * 0.7, 1),
                "y": round(PLOT_BOTTOM - height, 1),
                "height": height,
            }
        )
    return {
        "first": first,
        "last": today,
        "total": sum(totals.values()),
        "busiest": busiest,
        "bars": bars,
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "left": PLOT_LEFT,
        "right": PLOT_RIGHT,
        "top": PLOT_TOP,
        "bottom": PLOT_BOTTOM,
        "middle": (PLOT_LEFT + PLOT_RIGHT) // 2,
        "axis_middle": (PLOT_TOP + PLOT_BOTTOM) // 2,
    }
