import datetime
from decimal import Decimal

from django.db import migrations


def round_snapshot_figures(apps, schema_editor):
    """Round the people counts of reports submitted before small count rounding
    (docs/adr/0011), cell by cell as the statistics store them."""
    from shared_apps.statistics.rounding import rounded_cells

    AnnualReportSnapshot = apps.get_model("reports", "AnnualReportSnapshot")
    for snapshot in AnnualReportSnapshot.objects.all().iterator():
        cells = {
            (item["key"], item["dimension"], datetime.date.fromisoformat(item["month"])): Decimal(
                item["value"]
            )
            for item in snapshot.figures
        }
        published = rounded_cells(centre_id=snapshot.centre_id, cells=cells)
        for item in snapshot.figures:
            cell = (item["key"], item["dimension"], datetime.date.fromisoformat(item["month"]))
            item["value"] = str(published[cell])
        snapshot.save(update_fields=["figures"])


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_initial"),
        ("statistics", "0002_supp_rounded_people"),
    ]

    operations = [migrations.RunPython(round_snapshot_figures, migrations.RunPython.noop)]
