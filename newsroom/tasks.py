from celery import shared_task
from django.core.management import call_command


@shared_task(ignore_result=True)
def publish_scheduled_pages():
    """Run by Celery beat every minute: publishes what is due and unpublishes what expired."""
    call_command("publish_scheduled")
