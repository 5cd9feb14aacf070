import datetime

from django.conf import settings
from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits


class QueryDailyMisses(models.Model):
    """How many searches for a query found nothing, per day. Wagtail's QueryDailyHits counts
    every search for it; together they make the admin's reports of popular searches and of
    searches with no result."""

    query = models.ForeignKey(Query, on_delete=models.CASCADE, related_name="daily_misses")
    date = models.DateField()
    misses = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("searches with no result on a day")
        verbose_name_plural = _("searches with no result per day")
        constraints = [
            models.UniqueConstraint(fields=["query", "date"], name="one_count_of_misses_a_day")
        ]

    def __str__(self):
        return f"{self.query} — {self.date}: {self.misses}"

    @classmethod
    def add_miss(cls, query, date):
        misses, _ = cls.objects.get_or_create(query=query, date=date)
        cls.objects.filter(pk=misses.pk).update(misses=F("misses") + 1)

    @classmethod
    def garbage_collect(cls):
        """Forgets the days that Wagtail forgets the hits of (WAGTAILSEARCH_HITS_MAX_AGE)."""
        max_age = datetime.timedelta(days=settings.WAGTAILSEARCH_HITS_MAX_AGE)
        cls.objects.filter(date__lt=timezone.now().date() - max_age).delete()


def record_search(query_string, *, found):
    """Counts a reader's search in Wagtail's search statistics, and as a miss if it found
    nothing. Queries are stored as Wagtail normalises them (lower case, at most 255
    characters), as the promoted results are looked up."""
    query = Query.get(query_string)
    today = timezone.now().date()
    query.add_hit(today)
    if not found:
        QueryDailyMisses.add_miss(query, today)


def forget_old_search_statistics():
    QueryDailyHits.garbage_collect()
    QueryDailyMisses.garbage_collect()
    Query.garbage_collect()
