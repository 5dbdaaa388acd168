"""The demo step submits last year's report in some centres and drafts it in others, once."""

from __future__ import annotations

from django_tenants.utils import schema_context

from shared_apps.devtools.demo import load_centre_demos
from shared_apps.reports.models import AnnualReportSnapshot, AnnualReportStatus
from shared_apps.statistics.contracts import KEYS
from shared_apps.statistics.rounding import rounded_cell
from tenant_apps.annualreport import demo
from tenant_apps.annualreport.models import AnnualReport
from tenant_apps.annualreport.tests.conftest import YEAR, YEAR_ROWS


def test_the_demo_submits_and_drafts_last_years_report_once(
    monkeypatch, settings, collected, centre, other_centre, danish_centre, centre_admin
):
    settings.CENTRE_DEMO_STEPS = ["tenant_apps.annualreport.demo.annual_report_demo"]
    monkeypatch.setattr(demo, "SUBMITTED", ("alpha", "gamma"))
    monkeypatch.setattr(demo, "DRAFTS", ("beta",))
    lines: list[str] = []

    load_centre_demos(write=lines.append)
    load_centre_demos(write=lines.append)  # again: nothing changes

    assert [line for line in lines if "annual report" in line] == [
        f"  annual report {YEAR} submitted in alpha",
        f"  annual report {YEAR} drafted in beta",
        f"  annual report {YEAR} submitted in gamma",
    ]
    alpha = AnnualReportSnapshot.objects.get(centre=centre, year=YEAR)
    gamma = AnnualReportSnapshot.objects.get(centre=danish_centre, year=YEAR)
    assert (alpha.version, alpha.submitted_by_id, alpha.language) == (1, centre_admin.pk, "nb")
    assert alpha.summary.startswith("Alpha Frivilligsentral er en møteplass")
    # every figure of the year, less the small counts of people that were rounded to 0
    rounded_away = [
        row
        for row in YEAR_ROWS
        if KEYS[row.key].is_people_count
        and not rounded_cell(
            centre_id=centre.pk,
            key=row.key,
            dimension=row.dimension,
            month=row.month,
            value=row.value,
        )
    ]
    assert len(alpha.figures) == len(YEAR_ROWS) - len(rounded_away)
    assert (gamma.submitted_by_id, gamma.language) == (None, "da")
    assert gamma.summary.startswith("Frivilligcenter Gamma er et samlingssted")
    assert AnnualReportStatus.objects.get(centre=other_centre, year=YEAR).status == "draft"
    assert not AnnualReportSnapshot.objects.filter(centre=other_centre).exists()
    with schema_context(other_centre.schema_name):
        assert AnnualReport.objects.get(year=YEAR).status == "draft"
