"""`migrate` checks every schema in one query, migrates only the ones behind, and reports
a schema that fails without stopping or spoiling the others."""

from unittest import mock

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test.utils import CaptureQueriesContext

from tenants import schema_migrate

BEHIND = ("audit", "0002_code_params")  # adds auditevent.code and auditevent.params


def columns(schema: str, table: str) -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_schema = %s AND table_name = %s",
            [schema, table],
        )
        return {row[0] for row in cursor.fetchall()}


def applied(schema: str, app: str, name: str) -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            f'SELECT EXISTS (SELECT 1 FROM "{schema}".django_migrations '
            "WHERE app = %s AND name = %s)",
            [app, name],
        )
        return cursor.fetchone()[0]


def put_behind(schema: str) -> None:
    """Unapply audit 0002 in this schema, as if it were a new migration of this deploy."""
    call_command(
        "migrate_schemas",
        "audit",
        "0001_initial",
        schema_name=schema,
        interactive=False,
        verbosity=0,
    )
    assert "code" not in columns(schema, "audit_auditevent")
    assert not applied(schema, *BEHIND)


def test_with_every_schema_current_migrate_enters_no_schema(centre, other_centre):
    with (
        mock.patch.object(schema_migrate, "apply_plan") as apply_plan,
        mock.patch.object(MigrationExecutor, "__init__", side_effect=AssertionError) as executor,
        CaptureQueriesContext(connection) as queries,
    ):
        call_command("migrate", interactive=False, verbosity=0)

    apply_plan.assert_not_called()
    executor.assert_not_called()
    # public, then the template and every centre at once: no query per schema, and the
    # search path never leaves public.
    search_paths = [q["sql"] for q in queries if q["sql"].startswith("SET search_path")]
    assert set(search_paths) <= {'SET search_path = "public"'}
    others = [q["sql"] for q in queries if not q["sql"].startswith("SET search_path")]
    assert len(others) <= 6, others
    assert f'"{centre.schema_name}".django_migrations' in " ".join(others)  # it did look


def test_a_schema_behind_gets_its_migration_and_only_it_is_entered(centre, other_centre):
    put_behind(centre.schema_name)
    migrated = []
    real_apply = schema_migrate.apply_plan

    def spy(schema, plan, **kwargs):
        migrated.append((schema, [step.key for step in plan.steps]))
        return real_apply(schema, plan, **kwargs)

    with mock.patch.object(schema_migrate, "apply_plan", side_effect=spy):
        call_command("migrate", interactive=False, verbosity=0)

    assert migrated == [(centre.schema_name, [BEHIND])]
    assert {"code", "params"} <= columns(centre.schema_name, "audit_auditevent")
    assert applied(centre.schema_name, *BEHIND)
    assert (
        schema_migrate.schemas_behind(
            [settings.TENANT_BASE_SCHEMA, centre.schema_name, other_centre.schema_name],
            schema_migrate.load_graph(),
        )
        == {}
    )


def test_a_failing_schema_is_reported_the_others_migrated_and_a_rerun_finishes(
    centre, other_centre, danish_centre
):
    for schema in (centre.schema_name, other_centre.schema_name, danish_centre.schema_name):
        put_behind(schema)
    # Someone added a column of that name by hand in beta: the migration cannot run there.
    with connection.cursor() as cursor:
        cursor.execute(
            f'ALTER TABLE "{other_centre.schema_name}".audit_auditevent ADD COLUMN params text'
        )

    with pytest.raises(CommandError) as raised:
        call_command("migrate", interactive=False, verbosity=0)

    message = str(raised.value)
    assert other_centre.schema_name in message
    assert centre.schema_name not in message and danish_centre.schema_name not in message
    for schema in (centre.schema_name, danish_centre.schema_name):
        assert {"code", "params"} <= columns(schema, "audit_auditevent")
        assert applied(schema, *BEHIND)
    # Beta is left as it was: not half migrated (no `code`), the migration not recorded.
    assert "code" not in columns(other_centre.schema_name, "audit_auditevent")
    assert not applied(other_centre.schema_name, *BEHIND)

    with connection.cursor() as cursor:
        cursor.execute(
            f'ALTER TABLE "{other_centre.schema_name}".audit_auditevent DROP COLUMN params'
        )
    call_command("migrate", interactive=False, verbosity=0)

    assert {"code", "params"} <= columns(other_centre.schema_name, "audit_auditevent")
    assert applied(other_centre.schema_name, *BEHIND)


def test_the_failure_names_the_schema_and_the_cause(centre, capsys):
    put_behind(centre.schema_name)
    with connection.cursor() as cursor:
        cursor.execute(f'ALTER TABLE "{centre.schema_name}".audit_auditevent ADD COLUMN code text')

    with pytest.raises(CommandError):
        call_command("migrate", interactive=False, verbosity=0)

    assert f'{centre.schema_name}: DuplicateColumn: column "code"' in capsys.readouterr().err


def test_the_template_is_migrated_too(centre):
    template = settings.TENANT_BASE_SCHEMA
    put_behind(template)

    call_command("migrate", interactive=False, verbosity=0)

    assert {"code", "params"} <= columns(template, "audit_auditevent")
    assert applied(template, *BEHIND)
