import time

from django.conf import settings
from django.core.management import BaseCommand, call_command


class Command(BaseCommand):
    help = (
        "Publish scheduled pages and expire old ones every minute, for the embedded mode, "
        "where no Celery beat runs."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval", type=int, default=settings.SCHEDULER_INTERVAL_SECONDS, help="Seconds."
        )
        parser.add_argument("--once", action="store_true", help="Run one tick and stop.")

    def handle(self, *args, interval, once, **options):
        while True:
            call_command("publish_scheduled", verbosity=options["verbosity"])
            if once:
                return
            time.sleep(interval)
