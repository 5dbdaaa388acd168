"""django-tenants' migrate_schemas, which also keeps the centre template schema current.

New centres are cloned from settings.TENANT_BASE_SCHEMA, so the template must carry every
migration: it is created when missing and migrated last, after the shared schema and every
centre (django-tenants skips it, since no Centre row names it). Migrating one centre with
`--schema` leaves the template alone.
"""

from django.conf import settings
from django.db import connection
from django_tenants.management.commands.migrate_schemas import (
    MigrateSchemasCommand as TenantsMigrateSchemasCommand,
)
from django_tenants.migration_executors import get_executor
from django_tenants.utils import schema_exists

from tenants.schema_clone import quote_schema


class Command(TenantsMigrateSchemasCommand):
    def handle(self, *args, **options):
        super().handle(*args, **options)
        targets_one_schema = self.schema_name and self.schema_name != self.PUBLIC_SCHEMA_NAME
        if self.sync_tenant and not targets_one_schema:
            migrate_template(self.args, self.options, self.executor)


def migrate_template(args, options, executor_name) -> None:
    template = settings.TENANT_BASE_SCHEMA
    if not schema_exists(template):
        with connection.cursor() as cursor:
            cursor.execute(f"CREATE SCHEMA {quote_schema(template)}")
    get_executor(codename=executor_name)(args, options).run_migrations(tenants=[template])
    connection.set_schema_to_public()
