"""With the real statistics collectors: the report counts the centre's own records exactly as
the federation's statistics pipeline does."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

from shared_apps.reports.models import AnnualReportSnapshot
from shared_apps.statistics.models import CentreFigure
from shared_apps.statistics.pipeline import statistics_update
from tenant_apps.activities.models import Attendance
from tenant_apps.annualreport.tests.conftest import YEAR
from tenant_apps.hours.models import HoursEntry
from tenant_apps.hours.tests.factories import category, make_activity, make_entry, make_session
from tests.factories import make_volunteer

APPROVED = HoursEntry.Status.APPROVED


def test_the_submitted_report_holds_the_figures_the_federation_computes(
    centre_admin_client, centre, inside
):
    # Given a year of the centre's own records, and records of the year before
    with inside():
        ann = make_volunteer("Ann", age_band="60_79")
        ben = make_volunteer("Ben", age_band="18_29")
        cafe = make_activity("Language café", partner_associations="Red Cross")
        session = make_session(cafe, datetime.date(YEAR, 3, 7))
        Attendance.objects.create(session=session, age_band="60_79", target_group="", count=11)
        make_entry(ann, "2.5", date=datetime.date(YEAR, 1, 10), status=APPROVED)
        make_entry(ben, "4", date=datetime.date(YEAR, 3, 7), activity=cafe, status=APPROVED)
        make_entry(ben, "3", date=datetime.date(YEAR, 3, 8), category=category("other"))
        make_entry(ann, "9", date=datetime.date(YEAR - 1, 12, 30), status=APPROVED)

    # When the manager reads and submits the report, and the statistics pipeline runs
    page = centre_admin_client.get(f"/annual-report/{YEAR}/").text
    centre_admin_client.post(f"/annual-report/{YEAR}/submit/")
    statistics_update(full=True, centre_ids=[centre.pk])

    # Then the page counted the approved hours of the year only
    hours = re.search(r"<dt>Volunteer hours</dt><dd>(.*?)</dd>", page, re.S).group(1)
    assert hours.strip() == "6.50"
    # and the snapshot holds exactly the federation's figures of that year for the centre
    snapshot = AnnualReportSnapshot.objects.get(centre=centre, year=YEAR)
    frozen = {(f["key"], f["dimension"], f["month"], Decimal(f["value"])) for f in snapshot.figures}
    federation = {
        (figure.key, figure.dimension, figure.month.isoformat(), figure.value)
        for figure in CentreFigure.objects.filter(centre=centre, month__year=YEAR)
    }
    assert frozen == federation
    assert ("hours.total", "", f"{YEAR}-01-01", Decimal("2.5")) in frozen
    assert ("participants.total", "", f"{YEAR}-03-01", Decimal(11)) in frozen
    assert snapshot.partners == ["Red Cross"]
