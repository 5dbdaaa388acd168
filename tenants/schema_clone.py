"""Copy the template schema into a new centre schema, in the caller's transaction.

Why not django-tenants' CloneSchema: it installs a 4,600-line PL/pgSQL function (and
drops and recreates a type in `public`) on every call, which is slow and makes two
concurrent provisionings trip over each other. A tenant schema here holds only what
Django migrations create — tables, identity columns, constraints, indexes — and the
statistics change-mark triggers, so the copy is a short list of statements read from the
catalogue. The list is kept per process, keyed by the template's migration history, so a
clone does not re-read a catalogue that grows with every centre.
tests/test_architecture.py checks that the template holds no other kind of object, and
tenants/tests/test_clone.py that a clone is identical to a migrated schema.

Constraint and index names are kept as they are in the template, because later
migrations refer to them by name.
"""

from __future__ import annotations

from django.db import connection

from config.database import SCHEMA_NAME_PATTERN


def quote_schema(name: str) -> str:
    if not SCHEMA_NAME_PATTERN.match(name):
        raise ValueError(f"Not a valid schema name: {name!r}")
    return f'"{name}"'


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _clone_statements(template: str) -> list[str]:
    """Statements that build a copy of `template`, to be run with search_path = the copy."""
    with connection.cursor() as cursor:
        # Read definitions with only the template on the search path, so that they name
        # its tables without a schema and can be replayed inside the new schema.
        cursor.execute("SELECT set_config('search_path', %s, true)", [quote_schema(template)])
        cursor.execute(
            """
            SELECT c.relname
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = %s AND c.relkind = 'r'
            ORDER BY c.relname
            """,
            [template],
        )
        tables = [row[0] for row in cursor.fetchall()]
        cursor.execute(
            """
            SELECT rel.relname, con.conname, pg_get_constraintdef(con.oid), con.contype
            FROM pg_constraint con
            JOIN pg_class rel ON rel.oid = con.conrelid
            JOIN pg_namespace n ON n.oid = rel.relnamespace
            WHERE n.nspname = %s AND con.contype IN ('p', 'u', 'c', 'x', 'f')
            ORDER BY con.contype = 'f', rel.relname, con.conname
            """,
            [template],
        )
        constraints = cursor.fetchall()
        cursor.execute(
            """
            SELECT pg_get_indexdef(i.indexrelid)
            FROM pg_index i
            JOIN pg_class idx ON idx.oid = i.indexrelid
            JOIN pg_namespace n ON n.oid = idx.relnamespace
            WHERE n.nspname = %s
              AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = i.indexrelid)
            ORDER BY idx.relname
            """,
            [template],
        )
        # pg_get_indexdef always names the table with its schema: drop the template's.
        indexes = [
            row[0].replace(f" ON {template}.", " ON ").replace(f' ON "{template}".', " ON ")
            for row in cursor.fetchall()
        ]
        # Rows to copy: migration history and content types, in the few tables that have any.
        populated = []
        for table in tables:
            cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {quote(template)}.{quote(table)})")
            if cursor.fetchone()[0]:
                populated.append(table)
        cursor.execute(
            """
            SELECT c.relname, a.attname
            FROM pg_attribute a
            JOIN pg_class c ON c.oid = a.attrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = %s AND a.attidentity <> '' AND c.relkind = 'r'
            """,
            [template],
        )
        identities = cursor.fetchall()
        # Triggers (the statistics change mark's): with only the template on the search
        # path their definitions name the table without a schema.
        cursor.execute(
            """
            SELECT pg_get_triggerdef(t.oid)
            FROM pg_trigger t
            JOIN pg_class c ON c.oid = t.tgrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = %s AND NOT t.tgisinternal
            ORDER BY t.tgname
            """,
            [template],
        )
        triggers = [
            row[0].replace(f" ON {template}.", " ON ").replace(f' ON "{template}".', " ON ")
            for row in cursor.fetchall()
        ]
        cursor.execute("SELECT set_config('search_path', 'public', true)")

    statements = [
        f"CREATE TABLE {quote(table)} (LIKE {quote(template)}.{quote(table)} "
        "INCLUDING DEFAULTS INCLUDING IDENTITY INCLUDING GENERATED INCLUDING COMMENTS)"
        for table in tables
    ]
    statements += [
        f"INSERT INTO {quote(table)} OVERRIDING SYSTEM VALUE "
        f"SELECT * FROM {quote(template)}.{quote(table)}"
        for table in populated
    ]
    statements += [
        f"SELECT setval(pg_get_serial_sequence('{table}', '{column}'), "
        f"COALESCE((SELECT max({quote(column)}) FROM {quote(table)}), 0) + 1, false)"
        for table, column in identities
        if table in populated
    ]
    statements += [
        f"ALTER TABLE {quote(table)} ADD CONSTRAINT {quote(name)} {definition}"
        for table, name, definition, _kind in constraints
    ]
    statements += indexes
    statements += triggers
    return statements


# Reading the catalogue costs more than the copy itself once there are hundreds of schemas
# (measured: 100 ms of 190 ms at 477 centres). The template changes only by migrations, so
# the statements are kept per process, keyed by the template's migration history.
_statements_cache: dict[tuple[str, tuple], list[str]] = {}


def _migration_state(template: str) -> tuple:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*), max(id), max(applied) "
            f"FROM {quote_schema(template)}.django_migrations"
        )
        return tuple(cursor.fetchone())


def clone_statements(template: str) -> list[str]:
    """The statements that copy `template`, read from the catalogue once per migration state."""
    key = (template, _migration_state(template))
    if key not in _statements_cache:
        _statements_cache.clear()
        _statements_cache[key] = _clone_statements(template)
    return _statements_cache[key]


def clone_schema(template: str, new_schema: str) -> None:
    """Create `new_schema` as a copy of `template`; must run inside a transaction."""
    if not connection.in_atomic_block:
        raise RuntimeError("clone_schema must run inside transaction.atomic()")
    statements = clone_statements(template)
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE SCHEMA {quote_schema(new_schema)}")
        cursor.execute("SELECT set_config('search_path', %s, true)", [quote_schema(new_schema)])
        cursor.execute(";\n".join(statements))
        cursor.execute("SELECT set_config('search_path', 'public', true)")
    # django-tenants caches the search_path it last set; make it set it again.
    connection.search_path_set_schemas = None
