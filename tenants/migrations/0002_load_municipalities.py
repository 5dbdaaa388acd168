from django.db import migrations


def load(apps, schema_editor):
    from tenants.municipalities import municipality_rows

    Municipality = apps.get_model("tenants", "Municipality")
    for row in municipality_rows():
        Municipality.objects.update_or_create(
            country=row["country"], number=row["number"], defaults=row
        )


class Migration(migrations.Migration):
    dependencies = [("tenants", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
