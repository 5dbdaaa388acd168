from django.db import migrations, models

# Frozen copies of tracked.py as it was when this migration was written: a migration must do
# the same thing forever. A table tracked later gets its trigger in a new migration
# (tests/test_tracked_tables.py in this app checks that this list and tracked.TRACKED_TABLES agree).
TABLES = (
    "activities_activitycategory",
    "activities_activity",
    "activities_session",
    "activities_attendance",
    "hours_hoursentry",
    "people_volunteer",
    "people_participant",
    "helprequests_requesttype",
    "helprequests_helprequest",
    "helprequests_assignment",
)

FUNCTION_SQL = """
CREATE OR REPLACE FUNCTION public.changetracking_mark_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format(
        'UPDATE %I.changetracking_changemark SET version = version + 1, changed_at = now()',
        TG_TABLE_SCHEMA
    );
    RETURN NULL;
END
$$;
"""


def trigger_sql(table: str) -> str:
    return (
        f"CREATE TRIGGER changetracking_{table} "
        f"AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
        "FOR EACH STATEMENT EXECUTE FUNCTION public.changetracking_mark_changed()"
    )


def drop_trigger_sql(table: str) -> str:
    return f"DROP TRIGGER IF EXISTS changetracking_{table} ON {table}"


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("activities", "0002_activities_sessions_shifts"),
        ("helprequests", "0001_initial"),
        ("hours", "0001_initial"),
        ("people", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="ChangeMark",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("version", models.BigIntegerField(default=0)),
                ("changed_at", models.DateTimeField(blank=True, null=True)),
            ],
            options={"verbose_name": "change mark", "verbose_name_plural": "change marks"},
        ),
        migrations.RunSQL(
            "INSERT INTO changetracking_changemark (id, version) OVERRIDING SYSTEM VALUE VALUES (1, 0)",
            migrations.RunSQL.noop,
        ),
        migrations.RunSQL(FUNCTION_SQL, migrations.RunSQL.noop),
        migrations.RunSQL(
            [trigger_sql(table) for table in TABLES],
            [drop_trigger_sql(table) for table in TABLES],
        ),
    ]
