"""The admin report of searches that found nothing, beside Wagtail's "Search terms" report of
the popular ones (wagtail.contrib.search_promotions), and built the same way."""

from django.db.models import IntegerField, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from django_filters import DateFromToRangeFilter
from wagtail.admin.auth import permission_denied
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, NumberColumn
from wagtail.admin.views.reports import ReportView
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

from .models import QueryDailyMisses


class SearchesWithNoResultFilterSet(WagtailFilterSet):
    date = DateFromToRangeFilter(
        label=_("Date"), widget=DateRangePickerWidget, method="count_within_dates"
    )

    class Meta:
        model = Query
        fields = []

    def count_within_dates(self, queryset, name, value):
        """The report counts within these dates itself (get_base_queryset): a query is listed
        whatever day it was searched for, with its searches on the days asked for."""
        return queryset


class SearchesWithNoResultReportView(ReportView):
    page_title = _("Searches with no result")
    header_icon = "search"
    is_searchable = True
    search_fields = ["query_string"]
    filterset_class = SearchesWithNoResultFilterSet
    default_ordering = "-_misses"
    index_url_name = "search_no_result_report"
    index_results_url_name = "search_no_result_report_results"
    columns = [
        Column("query_string", label=_("Search term(s)"), sort_key="query_string"),
        NumberColumn("_misses", label=_("Searches with no result"), sort_key="_misses"),
        NumberColumn("_hits", label=_("All searches"), sort_key="_hits"),
    ]
    export_headings = {
        "query_string": _("Search term(s)"),
        "_misses": _("Searches with no result"),
        "_hits": _("All searches"),
    }
    list_export = ["query_string", "_misses", "_hits"]

    def dispatch(self, request, *args, **kwargs):
        # As Wagtail's own search terms report: search statistics are for administrators.
        if not request.user.is_superuser:
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self):
        within_dates = self._within_dates()
        misses = _sum_per_query(QueryDailyMisses.objects.filter(**within_dates), "misses")
        hits = _sum_per_query(QueryDailyHits.objects.filter(**within_dates), "hits")
        return Query.objects.annotate(_misses=misses, _hits=hits).filter(_misses__gt=0)

    def _within_dates(self):
        if not (self.filters and self.filters.is_valid()):
            return {}
        dates = self.filters.form.cleaned_data.get("date")
        within = {}
        if dates and dates.start:
            within["date__gte"] = dates.start
        if dates and dates.stop:
            within["date__lte"] = dates.stop
        return within


def _sum_per_query(daily_counts, field):
    total = (
        daily_counts.filter(query=OuterRef("pk"))
        .values("query")
        .annotate(total=Sum(field))
        .values("total")
    )
    return Coalesce(Subquery(total, output_field=IntegerField()), 0)
