import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tenants.backup import centre_export
from tenants.models import Centre


class Command(BaseCommand):
    help = (
        "Write one centre (its schema and its rows in the shared schema) to a zip file. "
        "The file holds the centre's personal data: keep it encrypted."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="The centre's subdomain, e.g. naestved")
        parser.add_argument("file", type=Path, help="Where to write the export (.zip)")

    def handle(self, *args, **options):
        centre = (
            Centre.objects.select_related("federation", "municipality")
            .filter(slug=options["slug"])
            .first()
        )
        if centre is None:
            raise CommandError(f"There is no centre “{options['slug']}”.")
        path: Path = options["file"]
        if path.exists():
            raise CommandError(f"{path} exists already; choose another file name.")
        started = time.perf_counter()
        manifest = centre_export(centre=centre, path=path)
        rows = sum(table["rows"] for table in manifest["tables"].values())
        shared = sum(manifest["shared"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Exported {centre.name} to {path}: {len(manifest['tables'])} tables, "
                f"{rows} rows, {shared} shared rows, {path.stat().st_size / 1e6:.1f} MB "
                f"in {time.perf_counter() - started:.1f} s"
            )
        )
