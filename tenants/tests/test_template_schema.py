"""The template schema that centres are cloned from stays identical to a migrated schema."""

from django.conf import settings
from django.core.management import call_command
from django.db import connection

from tenants.services import centre_provision


def describe(schema: str) -> dict[str, set]:
    """Columns, constraints and indexes of a schema, with the schema name taken out."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT table_name, column_name, data_type, is_nullable, column_default IS NOT NULL,
                   is_identity
            FROM information_schema.columns WHERE table_schema = %s
            """,
            [schema],
        )
        columns = set(cursor.fetchall())
        cursor.execute("SELECT set_config('search_path', %s, true)", [schema])
        cursor.execute(
            """
            SELECT rel.relname, con.conname, pg_get_constraintdef(con.oid)
            FROM pg_constraint con JOIN pg_class rel ON rel.oid = con.conrelid
            JOIN pg_namespace n ON n.oid = rel.relnamespace
            WHERE n.nspname = %s AND con.contype <> 'n'
            """,
            [schema],
        )
        constraints = set(cursor.fetchall())
        cursor.execute(
            "SELECT indexname, replace(indexdef, %s, '') FROM pg_indexes WHERE schemaname = %s",
            [f"{schema}.", schema],
        )
        indexes = set(cursor.fetchall())
        cursor.execute("SELECT set_config('search_path', 'public', true)")
    connection.search_path_set_schemas = None
    return {"columns": columns, "constraints": constraints, "indexes": indexes}


def test_a_cloned_centre_is_identical_to_a_migrated_one(db):
    centre_provision(
        name="Cloned", slug="cloned", federation_slug="test-nfs", municipality_number="5027"
    )
    with connection.cursor() as cursor:
        cursor.execute('CREATE SCHEMA "c_migrated"')
    call_command(
        "migrate_schemas", schema_name="c_migrated", tenant=True, interactive=False, verbosity=0
    )

    cloned, migrated = describe("c_cloned"), describe("c_migrated")

    assert cloned["columns"] == migrated["columns"]
    assert cloned["constraints"] == migrated["constraints"]
    assert cloned["indexes"] == migrated["indexes"]
    assert len(cloned["columns"]) > 10


def test_migrate_schemas_brings_the_template_up_to_date(db):
    template = settings.TENANT_BASE_SCHEMA
    # Put the template behind, as if the activities migrations were new and not yet applied.
    call_command(
        "migrate_schemas",
        "activities",
        "zero",
        schema_name=template,
        interactive=False,
        verbosity=0,
    )
    assert "activities_activitycategory" not in describe_tables(template)

    call_command("migrate_schemas", interactive=False, verbosity=0)

    assert "activities_activitycategory" in describe_tables(template)
    centre = centre_provision(
        name="After", slug="after", federation_slug="test-nfs", municipality_number="5027"
    ).centre
    assert {"code", "name_nb", "name_da", "name_en", "position", "is_active"} <= describe_columns(
        centre.schema_name, "activities_activitycategory"
    )


def describe_tables(schema: str) -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = %s", [schema]
        )
        return {row[0] for row in cursor.fetchall()}


def describe_columns(schema: str, table: str) -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_schema = %s AND table_name = %s",
            [schema, table],
        )
        return {row[0] for row in cursor.fetchall()}
