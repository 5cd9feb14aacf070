from django.core.management import BaseCommand

from home.demo.loader import load_demo_content


class Command(BaseCommand):
    help = "Load the demo stories and video. Safe to run more than once."

    def handle(self, *args, **options):
        stories = load_demo_content(log=self.stdout.write)
        self.stdout.write(self.style.SUCCESS(f"Demo content ready: {len(stories)} stories."))
