"""The tables whose writes change a centre's statistics (see models.ChangeMark)."""

TRACKED_TABLES = (
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

# In `public`, shared by every centre: it raises the mark of the schema whose table was
# written (TG_TABLE_SCHEMA), so one function serves the template and every clone.
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
