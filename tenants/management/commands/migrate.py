"""`migrate` is `migrate_schemas` here, as in django-tenants, template schema included."""

from tenants.management.commands.migrate_schemas import Command  # noqa: F401
