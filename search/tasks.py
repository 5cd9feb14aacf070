from celery import shared_task

from . import models


@shared_task(ignore_result=True)
def record_search(query_string, found):
    """Counting happens beside the request: readers searching for the same words at once
    would otherwise wait on each other for the one row of the day's count."""
    models.record_search(query_string, found=found)


@shared_task(ignore_result=True)
def forget_old_search_statistics():
    """Run daily by Celery beat."""
    models.forget_old_search_statistics()
