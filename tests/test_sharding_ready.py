"""Ready for PostgreSQL sharded by schema (Citus schema-based sharding, deploy/SCALING.md):
each centre's schema becomes a distributed schema, placed whole on one worker node, and the
shared tables that centre tables use become reference tables, copied to every node. That
holds only while the code keeps to four rules, checked here:

1. big-integer keys: ids never run out when centres move between nodes or merge;
2. a centre table's foreign keys point into its own schema, or to shared tables that can be
   reference tables (whose own foreign keys point only to reference tables);
3. nothing in the shared schema points into a centre schema;
4. no SQL statement names another schema, outside the modules allowed below: a query across
   schemas would span nodes.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection, models

ROOT = Path(__file__).resolve().parents[1]
PROJECT = ("tenants", "shared_apps", "tenant_apps")

# Modules whose SQL may name another schema, and why. With Citus they run on the coordinator.
CROSS_SCHEMA_SQL_ALLOWED = {
    # The statistics pipeline reads every centre's change mark in one UNION ALL query.
    "shared_apps/statistics/pipeline.py",
    # Fast migrations: one query over every schema's django_migrations (docs/adr/0020).
    "tenants/schema_migrate.py",
    # Provisioning clones the template schema into a new one (then it is distributed).
    "tenants/schema_clone.py",
    # centre_export / centre_import move one whole schema (deploy/BACKUP.md).
    "tenants/backup.py",
}
# django.contrib's catalogue tables keep their integer keys: they are small, written only by
# migrations, and exist in every schema (contenttypes) or as reference tables.
SMALL_KEY_TABLES = {"contenttypes.ContentType", "auth.Permission", "auth.Group"}

SQL = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE|TRUNCATE|ALTER|CREATE|DROP|JOIN)\b")
NAMES_A_SCHEMA = re.compile(
    r"""(\{[^{}]*schema[^{}]*\}|"?\bpublic\b"?|"?\bcentre_template\b"?)\s*\.\s*["{a-z_]""",
    re.IGNORECASE,
)
# (RESET search_path, back to the default, names no schema.)
SETS_SEARCH_PATH = re.compile(r"\bSET\s+(LOCAL\s+)?search_path|set_config\('search_path'", re.I)


def project_models():
    return [
        model
        for model in apps.get_models()
        if model._meta.app_config.name.startswith(PROJECT) and not model._meta.proxy
    ]


def is_tenant(model) -> bool:
    return model._meta.app_config.name in settings.TENANT_APPS


def is_big_integer(field) -> bool:
    return isinstance(field, models.BigAutoField | models.BigIntegerField)


def test_every_key_is_a_big_integer():
    assert settings.DEFAULT_AUTO_FIELD == "django.db.models.BigAutoField"
    for model in project_models():
        label = model._meta.label
        config = model._meta.app_config
        assert config.default_auto_field in (None, "django.db.models.BigAutoField"), config.name
        pk = model._meta.pk
        if isinstance(pk, models.IntegerField | models.AutoField):
            assert is_big_integer(pk), f"{label}.{pk.name} is a small integer key"
        for field in model._meta.concrete_fields:
            if field.is_relation:
                target = field.target_field
                small = isinstance(target, models.IntegerField | models.AutoField)
                if small and field.related_model._meta.label not in SMALL_KEY_TABLES:
                    assert is_big_integer(target), f"{label}.{field.name} → small key"
            elif field.name.endswith("_id") and isinstance(field, models.IntegerField):
                # An id kept without a foreign key (e.g. a centre's id in a figure row).
                assert is_big_integer(field), f"{label}.{field.name} holds an id: use BigInteger"


def reference_table_candidates() -> set[str]:
    """Shared models whose foreign keys (transitively) reach only other such models."""
    shared = {model._meta.label: model for model in apps.get_models() if not is_tenant(model)}
    candidates = set(shared)
    changed = True
    while changed:
        changed = False
        for label in list(candidates):
            targets = {
                field.related_model._meta.label
                for field in shared[label]._meta.concrete_fields
                if field.is_relation
            }
            if not targets <= candidates:
                candidates.discard(label)
                changed = True
    return candidates


def test_centre_tables_point_only_into_their_schema_or_to_reference_tables():
    candidates = reference_table_candidates()
    for model in project_models():
        if not is_tenant(model):
            continue
        for field in model._meta.concrete_fields:
            if not field.is_relation:
                continue
            target = field.related_model
            where = f"{model._meta.label}.{field.name} → {target._meta.label}"
            assert is_tenant(target) or target._meta.label in candidates, where


def test_shared_tables_never_point_into_a_centre_schema():
    for model in project_models():
        if is_tenant(model):
            continue
        for field in model._meta.get_fields():
            target = getattr(field, "related_model", None)
            if field.is_relation and target is not None and field.concrete:
                where = f"{model._meta.label}.{field.name}"
                # A model in both lists (contenttypes) lives in every schema.
                assert not is_tenant(target) or target._meta.app_config.name in (
                    settings.SHARED_APPS
                ), where


def test_no_foreign_key_in_the_database_crosses_schemas(centre, other_centre):
    """The same rules in the migrated database, centres included: every foreign key
    constraint stays in its schema (none goes to the shared one today)."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT ns.nspname, c.relname, fns.nspname, f.relname
            FROM pg_constraint k
            JOIN pg_class c ON c.oid = k.conrelid
            JOIN pg_namespace ns ON ns.oid = c.relnamespace
            JOIN pg_class f ON f.oid = k.confrelid
            JOIN pg_namespace fns ON fns.oid = f.relnamespace
            WHERE k.contype = 'f' AND ns.nspname <> fns.nspname
            """
        )
        crossing = cursor.fetchall()
        cursor.execute(
            "SELECT count(*) FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid "
            "JOIN pg_namespace ns ON ns.oid = c.relnamespace "
            "WHERE k.contype = 'f' AND ns.nspname = %s",
            [centre.schema_name],
        )
        inside_centre = cursor.fetchone()[0]
    assert inside_centre > 10  # the query sees the centre's own foreign keys
    assert crossing == []


def sql_naming_a_schema(source: str) -> list[int]:
    """Lines of string literals (f-strings included) that are SQL and name a schema."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.JoinedStr):
            text = "".join(
                part.value
                if isinstance(part, ast.Constant)
                else "{" + ast.unparse(part.value) + "}"
                for part in node.values
            )
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value
        else:
            continue
        if (SQL.search(text) and NAMES_A_SCHEMA.search(text)) or SETS_SEARCH_PATH.search(text):
            found.append(node.lineno)
    return found


def test_the_detector_finds_a_query_across_schemas():
    assert sql_naming_a_schema(
        'parts = [f"SELECT version FROM {quote_schema(c.schema_name)}.changetracking"]'
    )
    assert sql_naming_a_schema('cursor.execute("SELECT * FROM public.tenants_centre")')
    assert sql_naming_a_schema("cursor.execute(\"SELECT set_config('search_path', %s, true)\")")
    assert not sql_naming_a_schema('cursor.execute(f"DELETE FROM {table} WHERE centre_id = %s")')
    assert not sql_naming_a_schema('"SET {rollup}.value = {rollup}.value + EXCLUDED.value"')
    assert not sql_naming_a_schema('"""Sets search_path per cursor (a docstring)."""')
    assert not sql_naming_a_schema('connection.execute("RESET search_path")')


def test_no_query_names_another_schema_outside_the_allowed_modules():
    offenders = {}
    for package in PROJECT:
        for path in sorted((ROOT / package).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if "/tests/" in relative or "/migrations/" in relative:
                continue
            lines = sql_naming_a_schema(path.read_text())
            if lines and relative not in CROSS_SCHEMA_SQL_ALLOWED:
                offenders[relative] = lines
    assert offenders == {}, "SQL naming another schema (deploy/SCALING.md)"
    # The allow-list stays honest: the pipeline really is what it allows.
    pipeline = (ROOT / "shared_apps/statistics/pipeline.py").read_text()
    assert sql_naming_a_schema(pipeline)
