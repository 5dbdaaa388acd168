from django.core.management.base import BaseCommand

from shared_apps.devtools.access_matrix import access_matrix_markdown


class Command(BaseCommand):
    help = "Print the roles × pages matrix (docs/PERMISSIONS.md) from the views' policies."

    def handle(self, *args, **options):
        self.stdout.write(access_matrix_markdown(), ending="")
