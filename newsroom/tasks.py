from celery import shared_task
from django.core.management import call_command

from .scheduling import record_scheduler_run


@shared_task(ignore_result=True)
def publish_scheduled_pages():
    """Run by Celery beat every minute: publishes what is due and unpublishes what expired."""
    call_command("publish_scheduled")
    record_scheduler_run()
