import json

from django.conf import settings
from django.core.management import BaseCommand

from newsletters.providers import stored_template


class Command(BaseCommand):
    help = (
        "Print the stored template that Amazon SES batch-sends the newsletter with, as "
        "`aws sesv2 create-email-template --cli-input-json file://template.json` takes it. "
        "Name it in NEWSLETTER_PROVIDER_TEMPLATE."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "name", nargs="?", default=settings.NEWSLETTER_PROVIDER_TEMPLATE or "newsletter"
        )

    def handle(self, *args, name, **options):
        self.stdout.write(json.dumps(stored_template(name), indent=2, ensure_ascii=False))
