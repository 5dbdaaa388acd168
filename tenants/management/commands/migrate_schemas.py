"""django-tenants' migrate_schemas, fast at hundreds of centres, template schema included.

A plain `migrate` / `migrate_schemas` (optionally with --shared or --tenant) reads every
schema's applied migrations in one query and does nothing more when all are current; else it
migrates `public`, then the centre template, then the centres that are behind, in parallel,
each in its own transaction (tenants/schema_migrate.py, docs/adr/0020-fast-migrations.md).
Schemas that fail are listed and the command exits non-zero; the others are migrated, and a
re-run finishes the job. A schema whose tables stay locked by someone else's transaction
fails after --lock-timeout seconds (settings.MIGRATION_LOCK_TIMEOUT) instead of waiting.

Everything else — a target (`migrate_schemas app 0003`), --schema, --fake, --fake-initial,
--plan, --check, --prune, --run-syncdb, or --stock — runs django-tenants' per-schema
command as before. New centres are cloned from settings.TENANT_BASE_SCHEMA, so the template
must carry every migration: it is created when missing and migrated after the shared schema
(django-tenants skips it, since no Centre row names it). Migrating one centre with
`--schema` leaves the template alone.
"""

import time

from django.conf import settings
from django.core.management.base import CommandError
from django.db import connection
from django_tenants.management.commands.migrate_schemas import (
    MigrateSchemasCommand as TenantsMigrateSchemasCommand,
)
from django_tenants.migration_executors import get_executor
from django_tenants.utils import schema_exists

from tenants.schema_clone import quote_schema
from tenants.schema_migrate import PUBLIC_SCHEMA, migrate_schemas_fast

STOCK_ONLY_OPTIONS = (
    "app_label",
    "migration_name",
    "fake",
    "fake_initial",
    "plan",
    "prune",
    "run_syncdb",
    "check_unapplied",
    "stock",
)


class Command(TenantsMigrateSchemasCommand):
    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--stock",
            action="store_true",
            help="Run django-tenants' migrate in every schema, one after the other (slow).",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=None,
            help="Processes that migrate centres side by side (default: one per core).",
        )
        parser.add_argument(
            "--lock-timeout",
            type=float,
            default=None,
            help="Seconds a schema waits for a lock on one of its tables before it fails and "
            "the others go on (default: settings.MIGRATION_LOCK_TIMEOUT; 0 waits forever).",
        )

    def handle(self, *args, **options):
        if self._fast(options):
            self._handle_fast(**options)
            return
        super().handle(*args, **options)
        targets_one_schema = self.schema_name and self.schema_name != self.PUBLIC_SCHEMA_NAME
        if self.sync_tenant and not targets_one_schema:
            migrate_template(self.args, self.options, self.executor)

    def _fast(self, options) -> bool:
        return not options.get("schema_name") and not any(
            options.get(name) for name in STOCK_ONLY_OPTIONS
        )

    def _handle_fast(self, **options):
        # SyncCommon.handle reads --shared/--tenant/--executor into attributes.
        super(TenantsMigrateSchemasCommand, self).handle(**options)
        verbosity = int(options.get("verbosity", 1))
        started = time.perf_counter()

        def migrate_public():
            get_executor(codename=self.executor)(self.args, self.options).run_migrations(
                tenants=[PUBLIC_SCHEMA]
            )
            connection.set_schema_to_public()

        def say(message):
            if verbosity >= 2:
                self.stdout.write(message)

        report = migrate_schemas_fast(
            include_public=self.sync_public,
            include_centres=self.sync_tenant,
            workers=options.get("workers"),
            lock_timeout_s=options.get("lock_timeout"),
            migrate_public=migrate_public,
            say=say,
        )
        elapsed = time.perf_counter() - started
        if verbosity >= 1:
            self.stdout.write(
                f"Checked {report.schemas_checked} schemas in {report.check_s:.2f} s: "
                + (
                    f"{len(report.behind)} behind"
                    + (" (and public)" if report.public_migrated else "")
                    if report.behind or report.public_migrated
                    else "every schema is current"
                )
                + "."
            )
            if report.behind:
                self.stdout.write(
                    f"Migrated {len(report.migrated)} of {len(report.behind)} schemas with "
                    f"{max(report.workers, 1)} process(es) in {elapsed:.1f} s."
                )
        if report.failures:
            for failure in report.failures:
                self.stderr.write(f"{failure.schema}: {failure.error}")
            names = ", ".join(failure.schema for failure in report.failures)
            raise CommandError(
                f"{len(report.failures)} schema(s) could not be migrated and were left as they "
                f"were: {names}. Fix the cause and run migrate again; the other schemas are "
                "done."
            )


def migrate_template(args, options, executor_name) -> None:
    template = settings.TENANT_BASE_SCHEMA
    if not schema_exists(template):
        with connection.cursor() as cursor:
            cursor.execute(f"CREATE SCHEMA {quote_schema(template)}")
    get_executor(codename=executor_name)(args, options).run_migrations(tenants=[template])
    connection.set_schema_to_public()
