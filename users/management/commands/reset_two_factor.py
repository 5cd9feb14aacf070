from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from users.two_factor import reset_devices


class Command(BaseCommand):
    help = (
        "Remove a person's two-factor devices (a lost phone) and email them a single-use link "
        "to set up a new one."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, email, **options):
        person = get_user_model().objects.filter(email__iexact=email).first()
        if person is None:
            raise CommandError(f"No account has the address {email}.")
        removed = reset_devices(person)
        self.stdout.write(
            f"Removed {removed} two-factor device(s) of {person.email}, and emailed them a link "
            "to set up a new one."
        )
