"""Scheduled publication as the desk sees it: when an embargo lifts, and whether anything is
there to lift it.

Wagtail publishes a scheduled page only when its `publish_scheduled` command runs: Celery beat
starts it every minute in production, `manage.py run_scheduler` in the embedded mode. Each run
records its time here, so the admin can tell when nothing has run for a while and an embargo
would not lift on time.
"""

import datetime

from django.core.cache import cache
from django.utils import formats, timezone
from wagtail.models import Page, Revision

SCHEDULER_LAST_RUN_KEY = "newsroom:scheduler:last-run"
# Beat and run_scheduler start it every minute: five missed runs are not a slow minute.
SCHEDULER_SILENT_AFTER = datetime.timedelta(minutes=5)


def record_scheduler_run():
    cache.set(SCHEDULER_LAST_RUN_KEY, timezone.now(), timeout=None)


def scheduler_last_run():
    return cache.get(SCHEDULER_LAST_RUN_KEY)


def scheduler_is_silent():
    """True when no scheduler run has been recorded in the last five minutes."""
    last_run = scheduler_last_run()
    return last_run is None or timezone.now() - last_run > SCHEDULER_SILENT_AFTER


def scheduled_for(page):
    """When a publisher's approved version of the page goes live by itself, or None. Asked of
    the database each time: an approval in this request changes it."""
    return (
        page.revisions.filter(approved_go_live_at__isnull=False)
        .values_list("approved_go_live_at", flat=True)
        .first()
    )


def embargoed_until(page):
    """When a page that is not live yet goes live, or None. The go-live time of the approved
    version counts, not a later draft's."""
    if page.live or not page.approved_schedule:
        return None
    return scheduled_for(page)


def moment(value):
    """A moment as the desk reads it, in the current time zone and language: "3 December,
    10:34", with the year when it is not this one."""
    value = timezone.localtime(value)
    same_year = value.year == timezone.localtime().year
    return formats.date_format(value, "j F, H:i" if same_year else "j F Y, H:i")


def embargoed_pages(among=None):
    """The pages (of `among`, or all) waiting for their embargo to lift, soonest first, each
    with its time as `embargo_lifts_at`."""
    lifting_at = dict(
        Revision.page_revisions.filter(approved_go_live_at__isnull=False).values_list(
            "object_id", "approved_go_live_at"
        )
    )
    among = Page.objects.all() if among is None else among
    pages = list(among.filter(pk__in=[int(pk) for pk in lifting_at], live=False).specific())
    for page in pages:
        page.embargo_lifts_at = lifting_at[str(page.pk)]
    return sorted(pages, key=lambda page: page.embargo_lifts_at)
