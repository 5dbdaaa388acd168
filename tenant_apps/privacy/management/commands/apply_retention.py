from django.core.management.base import BaseCommand
from django_tenants.utils import get_tenant_model, schema_context

from tenant_apps.privacy import selectors
from tenant_apps.privacy.tasks import apply_retention_everywhere


class Command(BaseCommand):
    help = (
        "Queue each centre's retention rules (run every night; the task worker, `manage.py "
        "db_worker`, applies them). With --dry-run <slug>: print what they would change there."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", metavar="SLUG", help="only list a centre's due changes")

    def handle(self, *args, dry_run=None, **options):
        if dry_run:
            centre = get_tenant_model().objects.get(slug=dry_run)
            with schema_context(centre.schema_name):
                plan = selectors.retention_plan()
            for change in plan:
                self.stdout.write(
                    f"{change.due_on.isoformat()} {change.action} {change.subject_id}"
                )
            self.stdout.write(f"{len(plan)} changes due at {centre.slug}.")
            return
        count = apply_retention_everywhere()
        self.stdout.write(f"Queued the retention rules of {count} centres.")
