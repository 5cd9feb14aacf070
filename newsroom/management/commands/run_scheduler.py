import time

from django.conf import settings
from django.core.management import BaseCommand
from django.utils.module_loading import import_string


class Command(BaseCommand):
    help = (
        "Run the periodic tasks of Celery beat's schedule (publishing scheduled pages, "
        "sending due newsletters…) every minute, for the embedded mode, where no beat runs."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval", type=int, default=settings.SCHEDULER_INTERVAL_SECONDS, help="Seconds."
        )
        parser.add_argument("--once", action="store_true", help="Run one tick and stop.")

    def handle(self, *args, interval, once, **options):
        # Each entry names its task by import path; the tasks run here, in this process.
        tasks = [import_string(entry["task"]) for entry in settings.CELERY_BEAT_SCHEDULE.values()]
        while True:
            for task in tasks:
                task()
            if once:
                return
            time.sleep(interval)
