from django.core.management.base import BaseCommand

from shared_apps.devtools.demo import load_demo_data


class Command(BaseCommand):
    help = "Load the demo data set (idempotent: keeps what already exists)."

    def handle(self, *args, **options):
        load_demo_data(write=self.stdout.write)
