import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tenants.backup import centre_import, read_manifest
from tenants.models import Centre
from toolkit.errors import ApplicationError


class Command(BaseCommand):
    help = (
        "Restore a centre from a centre_export file: as a new centre (--as), under its own "
        "subdomain when that is free, or over itself (--replace, after confirmation)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="A file written by centre_export")
        parser.add_argument(
            "--as", dest="as_slug", help="Restore as a new centre with this subdomain"
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Replace the centre of the same subdomain (its current data is lost)",
        )
        parser.add_argument(
            "--yes", action="store_true", help="Do not ask before replacing (for scripts)"
        )

    def handle(self, *args, **options):
        path: Path = options["file"]
        try:
            manifest = read_manifest(path)
        except ApplicationError as error:
            raise CommandError(f"{path}: {error.message}") from None
        slug = options["as_slug"] or manifest["centre"]["slug"]
        replacing = options["replace"] and Centre.objects.filter(slug=slug).exists()
        if replacing and not options["yes"]:
            self.stdout.write(
                f"This replaces every record of the centre “{slug}” with the export made "
                f"{manifest['exported_at']}. What the centre recorded since then is lost."
            )
            answer = input(f"Type the subdomain ({slug}) to go on: ")
            if answer.strip() != slug:
                raise CommandError("Nothing was changed.")
        started = time.perf_counter()
        try:
            result = centre_import(
                path=path, as_slug=options["as_slug"], replace=options["replace"]
            )
        except ApplicationError as error:
            raise CommandError(error.message) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {result.centre.name} as {result.centre.slug} "
                f"(schema {result.centre.schema_name}): {result.tables} tables, "
                f"{result.rows} rows, {result.shared_rows} shared rows "
                f"in {time.perf_counter() - started:.1f} s"
            )
        )
