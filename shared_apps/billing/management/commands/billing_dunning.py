from django.core.management.base import BaseCommand

from shared_apps.billing.gateway import billing_is_enabled
from shared_apps.billing.services import billing_dunning_run
from shared_apps.billing.tasks import run_billing_dunning


class Command(BaseCommand):
    help = (
        "Make centres read-only whose payment is past due beyond BILLING_GRACE_DAYS "
        "(run daily by deploy/systemd/dugnad-billing-dunning.timer)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue", action="store_true", help="Queue the run for the task worker."
        )

    def handle(self, *args, **options):
        if not billing_is_enabled():
            self.stdout.write("Billing is off (no STRIPE_SECRET_KEY): nothing to do.")
            return
        if options["enqueue"]:
            run_billing_dunning.enqueue()
            self.stdout.write("Queued.")
            return
        changed = billing_dunning_run()
        self.stdout.write(f"{changed} centre(s) made read-only.")
