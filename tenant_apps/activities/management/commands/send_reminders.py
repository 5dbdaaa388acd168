from django.core.management.base import BaseCommand

from tenant_apps.activities.tasks import send_due_reminders_everywhere


class Command(BaseCommand):
    help = (
        "Queue the shift reminders of every centre (run every 15 minutes; the task worker, "
        "`manage.py db_worker`, sends them)."
    )

    def handle(self, *args, **options):
        count = send_due_reminders_everywhere()
        self.stdout.write(f"Queued reminders for {count} centres.")
