from django.db import migrations, models

from tenant_apps.changetracking.tracked import (
    FUNCTION_SQL,
    TRACKED_TABLES,
    drop_trigger_sql,
    trigger_sql,
)


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
            [trigger_sql(table) for table in TRACKED_TABLES],
            [drop_trigger_sql(table) for table in TRACKED_TABLES],
        ),
    ]
