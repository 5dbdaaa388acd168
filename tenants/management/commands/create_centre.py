import time

from django.core.management.base import BaseCommand, CommandError

from tenants.models import CentreStatus, OwnershipForm
from tenants.services import centre_provision, slug_from_name
from toolkit.errors import ApplicationError


class Command(BaseCommand):
    help = "Create a centre: its schema (cloned from the template), its domain and defaults."

    def add_arguments(self, parser):
        parser.add_argument(
            "name", help="The centre's name, e.g. 'Midtre Gauldal Frivilligsentral'"
        )
        parser.add_argument("--slug", help="Subdomain; made from the name when left out")
        parser.add_argument("--federation", required=True, help="Federation slug, e.g. nfs")
        parser.add_argument(
            "--municipality", required=True, help="Official municipality number, e.g. 5027"
        )
        parser.add_argument(
            "--ownership-form", default=OwnershipForm.ASSOCIATION, choices=OwnershipForm.values
        )
        parser.add_argument("--regional-network", default="")
        parser.add_argument("--status", default=CentreStatus.TRIAL, choices=CentreStatus.values)

    def handle(self, *args, **options):
        started = time.perf_counter()
        try:
            result = centre_provision(
                name=options["name"],
                slug=options["slug"] or slug_from_name(options["name"]),
                federation_slug=options["federation"],
                municipality_number=options["municipality"],
                ownership_form=options["ownership_form"],
                regional_network=options["regional_network"],
                status=options["status"],
            )
        except ApplicationError as error:
            raise CommandError(error.message) from None
        elapsed_ms = (time.perf_counter() - started) * 1000
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {result.centre.name} at http://{result.domain}/ "
                f"(schema {result.centre.schema_name}) in {elapsed_ms:.0f} ms"
            )
        )
