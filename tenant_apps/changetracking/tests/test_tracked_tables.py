"""The change mark sees every write the statistics read: the tables with a trigger (frozen in
the migration) are the tracked ones, and they cover every table the collectors and publishers
read. A collector that starts reading a new table fails here until the table is tracked."""

from __future__ import annotations

import ast
import inspect
import re
from importlib import import_module
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.db import connection
from django.db.models import Model
from django_tenants.utils import schema_context

from tenant_apps.changetracking import tracked

MIGRATION = Path(tracked.__file__).parent / "migrations" / "0001_initial.py"
# Table names in SQL written the way the collectors write it (keywords in capitals).
SQL_TABLE = re.compile(r"\b(?:FROM|JOIN)\s+([a-z_][a-z0-9_]*)")


def _migration_tables() -> tuple[str, ...]:
    """The migration's TABLES, read as a literal: it must not be computed from live code."""
    module = ast.parse(MIGRATION.read_text())
    for node in module.body:
        if isinstance(node, ast.Assign) and [t.id for t in node.targets] == ["TABLES"]:
            return ast.literal_eval(node.value)
    raise AssertionError("0001_initial.py has no literal TABLES")


def _tenant_tables() -> dict[str, type[Model]]:
    return {
        model._meta.db_table: model
        for model in apps.get_models()
        if model.__module__.startswith("tenant_apps.")
    }


def _tables_read_by(module) -> set[str]:
    """Tables a statistics module reads: named in its SQL or behind a model it uses."""
    source = inspect.getsource(module)
    known = _tenant_tables()
    named = set(SQL_TABLE.findall(source))
    unknown = named - set(known)
    assert not unknown, f"{module.__name__} reads tables no tenant model has: {unknown}"
    mentioned = {table for table in known if re.search(rf"\b{table}\b", source)}
    used_models = {
        value._meta.db_table
        for value in vars(module).values()
        if isinstance(value, type) and issubclass(value, Model) and not value._meta.abstract
    }
    return named | mentioned | used_models


def _statistics_modules():
    paths = [*settings.STATISTICS_COLLECTORS, *settings.STATISTICS_PUBLISHERS]
    return sorted({path.rsplit(".", 1)[0] for path in paths})


def test_the_migration_triggers_exactly_the_tracked_tables():
    assert _migration_tables() == tracked.TRACKED_TABLES


@pytest.mark.parametrize("module_path", _statistics_modules())
def test_every_table_the_statistics_read_is_tracked(module_path):
    read = _tables_read_by(import_module(module_path))

    assert read, f"{module_path} reads no table that this test can see"
    assert read <= set(tracked.TRACKED_TABLES), sorted(read - set(tracked.TRACKED_TABLES))


def test_the_collectors_sql_is_understood():
    hours = _tables_read_by(import_module("tenant_apps.hours.stats"))
    assert hours == {"hours_hoursentry", "activities_activitycategory", "people_volunteer"}


@pytest.mark.django_db
def test_a_centre_has_a_trigger_on_every_tracked_table(centre):
    with schema_context(centre.schema_name), connection.cursor() as cursor:
        cursor.execute(
            "SELECT DISTINCT event_object_table FROM information_schema.triggers "
            "WHERE trigger_schema = %s AND trigger_name LIKE 'changetracking\\_%%'",
            [centre.schema_name],
        )
        triggered = {table for (table,) in cursor.fetchall()}
    assert triggered == set(tracked.TRACKED_TABLES)
