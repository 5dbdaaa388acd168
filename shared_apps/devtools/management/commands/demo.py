from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from shared_apps.devtools.demo import DEMO_PASSWORD, demo_accounts_table, load_demo_data
from tenants.models import Centre


class Command(BaseCommand):
    help = "Migrate, load the demo data and serve the product at http://localhost:8000/."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args, **options):
        self.stdout.write("Migrating the database …")
        call_command("migrate", interactive=False, verbosity=0)
        call_command("compilemessages", ignore=[".venv", ".var"], verbosity=0)
        self.stdout.write("Loading demo data …")
        load_demo_data(write=self.stdout.write)
        port = options["addrport"].rsplit(":", 1)[-1]
        domain = settings.PLATFORM_DOMAIN
        self.stdout.write(self.style.SUCCESS("\nDugnad is running:"))
        self.stdout.write(f"  Platform (federations, admin): http://{domain}:{port}/")
        for centre in Centre.objects.filter(slug__in=["midtre-gauldal", "naestved"]):
            self.stdout.write(f"  {centre.name}: http://{centre.slug}.{domain}:{port}/")
        self.stdout.write(
            f"  All {Centre.objects.count()} centres are listed on the platform page."
        )
        self.write_demo_accounts(port)
        emulator = self.start_billing(port)
        self.stdout.write("Stop with Ctrl-C.\n")
        try:
            call_command("runserver", options["addrport"], use_reloader=False)
        finally:
            if emulator is not None:
                emulator.terminate()

    def start_billing(self, port: str):
        """Billing against localstripe (a local Stripe emulator) when it is installed and no
        real Stripe key is set; its signed webhooks go to this server."""
        from shared_apps.billing.emulator import (
            free_port,
            localstripe_is_installed,
            localstripe_send_webhooks,
            localstripe_start,
        )

        if settings.STRIPE_SECRET_KEY:
            self.stdout.write("Billing: Stripe, with STRIPE_SECRET_KEY.")
            return None
        if not localstripe_is_installed():
            self.stdout.write("Billing: off (no STRIPE_SECRET_KEY, localstripe not installed).")
            return None
        emulator_port = free_port()
        process = localstripe_start(port=emulator_port)
        api_base = f"http://127.0.0.1:{emulator_port}"
        settings.STRIPE_SECRET_KEY = "sk_test_dugnad_demo"
        settings.STRIPE_API_BASE = api_base
        settings.STRIPE_WEBHOOK_SECRET = "whsec_dugnad_demo"
        settings.STRIPE_USE_CHECKOUT = False
        localstripe_send_webhooks(
            api_base=api_base,
            url=f"http://{settings.PLATFORM_DOMAIN}:{port}/billing/webhook/",
            secret=settings.STRIPE_WEBHOOK_SECRET,
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Billing: against localstripe at {api_base} (test card, no Checkout)."
            )
        )
        return process

    def write_demo_accounts(self, port: str) -> None:
        rows = [("role", "sign in at", "e-mail"), *demo_accounts_table(port=port)]
        widths = [max(len(row[column]) for row in rows) for column in range(2)]
        two_factor = "on" if settings.TWO_FACTOR_REQUIRED else "off"
        self.stdout.write(self.style.SUCCESS(f"\nDemo accounts (two-factor is {two_factor}):"))
        for role, url, email in rows:
            self.stdout.write(f"  {role:<{widths[0]}}  {url:<{widths[1]}}  {email}")
        self.stdout.write(f"  Password for all of them: {DEMO_PASSWORD}\n")
