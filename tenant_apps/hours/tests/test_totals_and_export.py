"""Totals by category, activity, volunteer and month, exact on a known data set; the CSV and
Excel exports; and hours of a deleted volunteer, kept anonymised in both."""

from __future__ import annotations

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from tenant_apps.hours.models import HoursEntry
from tenant_apps.hours.selectors import hours_totals
from tenant_apps.hours.tests.factories import category, make_activity, make_entry
from tenant_apps.people.models import Volunteer
from tests.factories import make_volunteer

YEAR = timezone.localdate().year - 1


def day(month: int, number: int, year: int = YEAR) -> datetime.date:
    return datetime.date(year, month, number)


@pytest.fixture
def data_set(inside):
    """Three approved entries in two categories across two months, plus hours that must not
    count: one waiting, one rejected, and approved ones just outside the year."""
    with inside():
        ann = make_volunteer("Ann", "Andersen")
        ben = make_volunteer("Ben", "Berg")
        cafe = make_activity("Language café")
        meeting, other = category("social-meeting-places"), category("other")
        approved = HoursEntry.Status.APPROVED
        make_entry(ann, "2", date=day(1, 10), activity=cafe, category=meeting, status=approved)
        make_entry(ben, "1.5", date=day(1, 20), category=other, status=approved)
        make_entry(ann, "3", date=day(2, 5), activity=cafe, category=meeting, status=approved)
        make_entry(ben, "4", date=day(2, 6), category=meeting, status="submitted")
        make_entry(ben, "5", date=day(2, 7), category=meeting, status="rejected")
        make_entry(ann, "7", date=day(12, 31, YEAR - 1), category=meeting, status=approved)
        make_entry(ann, "8", date=day(1, 1, YEAR + 1), category=meeting, status=approved)
    return {"ann": ann, "ben": ben, "cafe": cafe, "meeting": meeting, "other": other}


def year_totals(inside, **options):
    with inside():
        return hours_totals(date_from=day(1, 1), date_to=day(12, 31), **options)


def rows(total_rows):
    return [(row.label, row.hours, row.entries) for row in total_rows]


def test_totals_count_the_approved_hours_of_the_period_exactly(inside, data_set):
    totals = year_totals(inside)

    assert (totals.total_hours, totals.total_entries) == (Decimal("6.50"), 3)
    assert rows(totals.by_category) == [
        ("Social meeting places", Decimal("5.00"), 2),
        ("Other", Decimal("1.50"), 1),
    ]
    assert rows(totals.by_activity) == [
        ("Language café", Decimal("5.00"), 2),
        ("(no activity)", Decimal("1.50"), 1),
    ]
    assert rows(totals.by_volunteer) == [
        ("Ann Andersen", Decimal("5.00"), 2),
        ("Ben Berg", Decimal("1.50"), 1),
    ]
    assert rows(totals.by_month) == [
        (f"{YEAR}-01", Decimal("3.50"), 2),
        (f"{YEAR}-02", Decimal("3.00"), 1),
    ]


def test_totals_may_include_the_hours_waiting_for_approval(inside, data_set):
    totals = year_totals(inside, include_submitted=True)

    assert (totals.total_hours, totals.total_entries) == (Decimal("10.50"), 4)
    assert rows(totals.by_volunteer) == [
        ("Ann Andersen", Decimal("5.00"), 2),
        ("Ben Berg", Decimal("5.50"), 2),
    ]
    assert rows(totals.by_month)[1] == (f"{YEAR}-02", Decimal("7.00"), 2)


def test_deleting_a_volunteer_keeps_their_hours_in_every_total(inside, data_set):
    before = year_totals(inside)
    with inside():
        Volunteer.objects.filter(pk=data_set["ann"].pk).delete()
        assert HoursEntry.objects.filter(volunteer__isnull=True).count() == 4

    after = year_totals(inside)

    assert after.total_hours == before.total_hours == Decimal("6.50")
    assert rows(after.by_category) == rows(before.by_category)
    assert rows(after.by_month) == rows(before.by_month)
    assert rows(after.by_volunteer) == [
        ("Ben Berg", Decimal("1.50"), 1),
        ("(deleted volunteer)", Decimal("5.00"), 2),
    ]


def test_totals_take_the_same_few_queries_for_3_or_30_entries(inside):
    def queries_for(entries: int) -> int:
        with inside():
            HoursEntry.objects.all().delete()
            for number in range(entries):
                make_entry(
                    make_volunteer(),
                    "1",
                    date=day(1 + number % 12, 1),
                    activity=make_activity(f"Activity {number}"),
                    status="approved",
                )
            with CaptureQueriesContext(connection) as captured:
                totals = hours_totals(date_from=day(1, 1), date_to=day(12, 31))
            assert totals.total_entries == entries
            # django-tenants sets the search path before each query; count the queries.
            return len([q for q in captured if not q["sql"].startswith("SET search_path")])

    assert queries_for(3) == queries_for(30) == 5


# --- Export ----------------------------------------------------------------------------------


def test_the_export_is_named_and_written_in_the_reader_language(
    coordinator_client, inside, data_set
):
    from django.conf import settings

    del coordinator_client.cookies[settings.LANGUAGE_COOKIE_NAME]  # the centre's Norwegian

    response = coordinator_client.get("/hours/export/", {"month": f"{YEAR}-02", "format": "csv"})

    assert response["Content-Disposition"] == f'attachment; filename="timer-alpha-{YEAR}-02.csv"'
    header = response.content.decode("utf-8-sig").splitlines()[0]
    assert header.startswith("Dato;")  # semicolons, as Norwegian Excel splits columns


def test_the_csv_export_has_every_entry_of_the_month(coordinator_client, inside, data_set):
    response = coordinator_client.get("/hours/export/", {"month": f"{YEAR}-02", "format": "csv"})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (f'attachment; filename="hours-alpha-{YEAR}-02.csv"')
    text = response.content.decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(text))) == [
        ["Date", "Volunteer", "Category", "Activity", "Hours", "Status"],
        [
            f"{YEAR}-02-05",
            "Ann Andersen",
            "Social meeting places",
            "Language café",
            "3.00",
            "Approved",
        ],
        [f"{YEAR}-02-06", "Ben Berg", "Social meeting places", "", "4.00", "Waiting for approval"],
        [f"{YEAR}-02-07", "Ben Berg", "Social meeting places", "", "5.00", "Not approved"],
    ]


def test_the_export_shows_a_deleted_volunteer_without_a_name(coordinator_client, inside, data_set):
    with inside():
        Volunteer.objects.filter(pk=data_set["ann"].pk).delete()

    response = coordinator_client.get("/hours/export/", {"month": f"{YEAR}-01", "format": "csv"})

    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [line[1] for line in lines[1:]] == ["(deleted volunteer)", "Ben Berg"]
    assert "Ann" not in response.content.decode("utf-8-sig")


def test_the_excel_export_has_the_entries_and_a_totals_sheet(coordinator_client, inside, data_set):
    response = coordinator_client.get("/hours/export/", {"month": f"{YEAR}-01", "format": "xlsx"})

    assert response.status_code == 200
    assert response["Content-Disposition"] == (f'attachment; filename="hours-alpha-{YEAR}-01.xlsx"')
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Hours", "Totals"]
    entries = [[cell.value for cell in row] for row in workbook["Hours"].iter_rows(min_row=1)]
    assert entries == [
        ["Date", "Volunteer", "Category", "Activity", "Hours", "Status"],
        [
            datetime.datetime(YEAR, 1, 10),
            "Ann Andersen",
            "Social meeting places",
            "Language café",
            2,
            "Approved",
        ],
        [datetime.datetime(YEAR, 1, 20), "Ben Berg", "Other", None, 1.5, "Approved"],
    ]
    totals = [
        [value for value in row if value is not None]
        for row in workbook["Totals"].iter_rows(values_only=True)
    ]
    assert ["Total", 3.5] in totals
    assert ["Social meeting places", 2, 1] in totals
    assert ["Other", 1.5, 1] in totals
    assert ["Ann Andersen", 2, 1] in totals
    assert [f"{YEAR}-01", 3.5, 2] in totals


def test_a_period_can_be_exported_too(coordinator_client, inside, data_set):
    response = coordinator_client.get(
        "/hours/export/",
        {"date_from": f"{YEAR}-01-15", "date_to": f"{YEAR}-02-05", "format": "csv"},
    )
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [line[0] for line in lines[1:]] == [f"{YEAR}-01-20", f"{YEAR}-02-05"]
    assert response["Content-Disposition"].endswith(
        f'filename="hours-alpha-{YEAR}-01-15_{YEAR}-02-05.csv"'
    )


def test_text_that_looks_like_a_formula_is_exported_as_text(coordinator_client, inside):
    with inside():
        make_entry(make_volunteer("=HYPERLINK(1)", "X"), "1", date=day(3, 3), status="approved")

    csv_response = coordinator_client.get(
        "/hours/export/", {"month": f"{YEAR}-03", "format": "csv"}
    )
    xlsx_response = coordinator_client.get("/hours/export/", {"month": f"{YEAR}-03"})

    line = list(csv.reader(io.StringIO(csv_response.content.decode("utf-8-sig"))))[1]
    assert line[1] == "'=HYPERLINK(1) X"
    cell = load_workbook(io.BytesIO(xlsx_response.content))["Hours"]["B2"]
    assert (cell.value, cell.data_type) == ("=HYPERLINK(1) X", "s")


def test_a_bad_month_shows_the_form_with_an_error(coordinator_client):
    response = coordinator_client.get("/hours/export/", {"month": "2026-13", "format": "csv"})
    assert response.status_code == 200
    assert "Enter the month as YYYY-MM, e.g. 2026-03." in response.text


def test_without_a_choice_the_export_page_asks_for_one(coordinator_client):
    response = coordinator_client.get("/hours/export/")
    assert response.status_code == 200
    assert "text/html" in response["Content-Type"]
    assert 'name="month"' in response.text


def test_volunteers_cannot_export(volunteer_client, inside, data_set):
    response = volunteer_client.get("/hours/export/", {"month": f"{YEAR}-01", "format": "csv"})
    assert response.status_code == 403
    assert b"Ann" not in response.content


def test_an_export_is_recorded_in_the_audit_log(coordinator_client, coordinator, inside):
    from tenant_apps.audit.models import AuditEvent

    coordinator_client.get("/hours/export/", {"month": f"{YEAR}-01", "format": "csv"})
    with inside():
        event = AuditEvent.objects.get(subject_type="hours_export")
    assert (event.actor_user_id, event.code, event.params) == (
        coordinator.pk,
        "hours_export.taken",
        {"date_from": f"{YEAR}-01-01", "date_to": f"{YEAR}-01-31", "format": "csv"},
    )
