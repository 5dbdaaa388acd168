"""The centre's annual report: figures from its own data, the narrative, who may write and
submit, the snapshot in the shared schema, reopening, partners and the PDF."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
from django.utils import timezone

from shared_apps.reports import facade
from shared_apps.reports.models import AnnualReportSnapshot, AnnualReportStatus
from shared_apps.statistics.contracts import KEYS, AggregateRow
from shared_apps.statistics.rounding import rounded_cells
from tenant_apps.activities.models import Activity, ActivityCategory, Session
from tenant_apps.annualreport.figures import partners_of_year
from tenant_apps.annualreport.models import AnnualReport
from tenant_apps.annualreport.tests.conftest import YEAR, YEAR_ROWS
from tenant_apps.audit.models import AuditEvent

NARRATIVE = {
    "summary": "A year of growth.",
    "highlights": "We opened a language café.",
    "cooperation": "With the library and the Red Cross.",
    "plans": "More walks next year.",
}


def url(year: int = YEAR, page: str = "") -> str:
    return f"/annual-report/{year}/{page + '/' if page else ''}"


def cells(html: str, label: str, caption: str = "") -> list[str]:
    """The cells of the row headed `label` (in the table with that caption, if given)."""
    if caption:
        found = re.search(rf"<caption>{re.escape(caption)}</caption>(.*?)</table>", html, re.S)
        assert found, f"no table {caption!r}"
        html = found.group(1)
    match = re.search(rf'<th scope="row">{re.escape(label)}</th>(.*?)</tr>', html, re.S)
    assert match, f"no row {label!r}"
    return [cell.strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", match.group(1), re.S)]


def fact(html: str, label: str) -> str:
    match = re.search(rf"<dt>{re.escape(label)}</dt><dd>(.*?)</dd>", html, re.S)
    assert match, f"no fact {label!r}"
    return match.group(1).strip()


def write(client, **fields):
    return client.post(url(), {**NARRATIVE, **fields})


# --- Figures ---------------------------------------------------------------------------------


def test_the_report_shows_the_figures_of_the_year_from_every_collector(
    centre_admin_client, collected, centre
):
    # Given stand-in collectors with figures of last year and of the years around it
    # When a manager opens last year's report
    response = centre_admin_client.get(url())

    # Then the page shows exactly last year's figures, summed over its months
    assert response.status_code == 200
    html = response.text
    assert fact(html, "Volunteer hours") == "30.50"
    assert cells(html, "Social meeting places", "Volunteer hours by activity category") == ["10.50"]
    assert cells(html, "Other", "Volunteer hours by activity category") == ["20"]
    assert cells(html, "Total", "Volunteer hours by activity category") == ["30.50"]
    assert cells(html, "January", "Hours by month") == ["10.50"]
    assert cells(html, "Social meeting places", "Activities and sessions by category") == [
        "2",
        "9",
    ]
    assert fact(html, "Active volunteers in the year") == "12"  # not the year before's 50
    assert fact(html, "New volunteers") == "2"  # not next year's 8
    assert cells(html, "18–29", "Active volunteers in the year by age") == ["3"]  # exact: no "<5"
    assert fact(html, "Participants") == "30"
    assert cells(html, "Seniors 60+") == ["20"]
    assert cells(html, "Shopping") == ["6", "5", "4"]
    assert cells(html, "Transport") == ["1", "0", "0"]
    # and the collectors ran with the centre and its federation's category codes
    context = collected.CONTEXTS[-1]
    assert context.centre_id == centre.pk
    assert "social-meeting-places" in context.category_codes


def test_categories_carry_the_centres_own_names_and_other_is_translated(
    centre_admin_client, collected, inside
):
    with inside():
        ActivityCategory.objects.filter(code="social-meeting-places").update(
            name_en="Our meeting places"
        )
        ActivityCategory.objects.filter(code="other").update(name_en="Misc stuff")

    html = centre_admin_client.get(url()).text

    assert cells(html, "Our meeting places")[0] == "10.50"
    assert cells(html, "Other")[0] == "20"
    assert "Misc stuff" not in html


# --- Submitting ------------------------------------------------------------------------------


def test_a_manager_submits_and_the_snapshot_holds_exactly_the_figures_shown(
    centre_admin_client, centre_admin, collected, centre, inside
):
    # Given a written draft, and the figures the centre page shows
    write(centre_admin_client)
    shown = centre_admin_client.get(url()).context["figures"]

    # When the manager confirms and submits
    confirmation = centre_admin_client.get(url(page="submit"))
    response = centre_admin_client.post(url(page="submit"))

    # Then a snapshot in the shared schema holds those figures, counts of people rounded
    # the way the statistics round them, and the narrative
    assert confirmation.status_code == 200
    assert "Submit the report" in confirmation.text
    assert "Counts of people are rounded so that no one can be recognised" in confirmation.text
    assert response.status_code == 302
    snapshot = AnnualReportSnapshot.objects.get(centre=centre, year=YEAR)
    assert snapshot.version == 1
    assert snapshot.submitted_by_id == centre_admin.pk
    assert snapshot.summary == NARRATIVE["summary"]
    assert snapshot.plans == NARRATIVE["plans"]
    rounded = rounded_cells(
        centre_id=centre.pk, cells={(r.key, r.dimension, r.month): r.value for r in YEAR_ROWS}
    )
    expected = [
        AggregateRow(key=key, month=month, value=value, dimension=dimension)
        for (key, dimension, month), value in rounded.items()
        if value or not KEYS[key].is_people_count
    ]
    assert sorted(
        (f["key"], f["dimension"], f["month"], Decimal(f["value"])) for f in snapshot.figures
    ) == sorted((r.key, r.dimension, r.month.isoformat(), r.value) for r in expected)
    latest = facade.annual_report_latest(centre_id=centre.pk, year=YEAR)
    with inside():
        names = {c.code: c.name for c in ActivityCategory.objects.all()}
        frozen = facade.annual_report_figures(figures=latest.figures, category_names=names)
        assert frozen == facade.annual_report_figures(figures=expected, category_names=names)
    # the figures that are not small counts of people are the ones the page showed
    assert frozen.section("hours") == shown.section("hours")
    # and the federation sees it submitted, the centre's row is submitted, the log knows
    assert AnnualReportStatus.objects.get(centre=centre, year=YEAR).status == "submitted"
    with inside():
        report = AnnualReport.objects.get(year=YEAR)
        assert report.status == "submitted"
        assert report.submitted_by_user_id == centre_admin.pk
        event = AuditEvent.objects.get(subject_type="annual_report")
        assert (event.actor_user_id, event.subject_id) == (centre_admin.pk, str(YEAR))
    page = centre_admin_client.get(url()).text
    assert "Submitted on" in page
    assert "<textarea" not in page


def test_a_submitted_report_keeps_its_frozen_figures_when_the_data_changes(
    centre_admin_client, collected
):
    centre_admin_client.post(url(page="submit"))
    collected.ROWS["hours"] = []  # e.g. hours deleted afterwards

    html = centre_admin_client.get(url()).text

    assert fact(html, "Volunteer hours") == "30.50"


def test_save_and_submit_keeps_the_text_when_the_manager_cancels(
    centre_admin_client, collected, centre, inside
):
    # Given a manager on last year's report, with the submit control under the text boxes
    page = centre_admin_client.get(url()).text
    assert page.index('name="summary"') < page.index("Save and submit")

    # When they type the narrative and click "Save and submit"
    response = write(centre_admin_client, then="submit")

    # Then the text is saved first and the confirmation follows, nothing is submitted yet
    assert response.status_code == 302
    assert response["Location"] == url(page="submit")
    with inside():
        report = AnnualReport.objects.get(year=YEAR)
        assert (report.status, report.summary) == ("draft", NARRATIVE["summary"])
    assert "Submit the report" in centre_admin_client.get(response["Location"]).text
    assert not AnnualReportSnapshot.objects.filter(centre=centre).exists()
    # and after "Cancel" the text is still there
    assert NARRATIVE["summary"] in centre_admin_client.get(url()).text


def test_a_coordinator_saving_with_submit_stays_on_the_report(coordinator_client, collected):
    assert "Save and submit" not in coordinator_client.get(url()).text

    response = write(coordinator_client, then="submit")

    assert response["Location"] == url()


def test_leaving_the_narrative_with_unsaved_changes_asks_first(coordinator_client, collected):
    page = coordinator_client.get(url()).text

    # The form is watched by the one deferred script, loaded with the page's CSP nonce
    # (only on pages with such a form)
    assert re.search(r'<form class="form annual-report-form"[^>]* data-unsaved-warning>', page)
    assert re.search(r'src="[^"]*js/unsaved-changes\.js" defer nonce="[^"]+"', page)


def test_a_manager_may_submit_without_writing_first(centre_admin_client, collected, centre):
    response = centre_admin_client.post(url(page="submit"))

    assert response.status_code == 302
    assert AnnualReportSnapshot.objects.filter(centre=centre, year=YEAR).count() == 1


def test_the_current_year_cannot_be_submitted_yet(centre_admin_client, collected, centre):
    this_year = timezone.localdate().year

    page = centre_admin_client.get(url(this_year)).text
    response = centre_admin_client.post(url(this_year, "submit"), follow=True)

    assert "Submit the report" not in page
    assert f"can be submitted from 1 January {this_year + 1}" in response.text
    assert not AnnualReportSnapshot.objects.filter(centre=centre).exists()


def test_a_future_or_ancient_year_has_no_report(centre_admin_client):
    assert centre_admin_client.get(url(timezone.localdate().year + 1)).status_code == 404
    assert centre_admin_client.get(url(1999)).status_code == 404


# --- Who may do what -------------------------------------------------------------------------


def test_a_coordinator_writes_the_narrative_and_the_federation_sees_a_draft(
    coordinator_client, collected, centre, inside
):
    # When a coordinator saves the narrative for the first time
    response = write(coordinator_client)

    # Then it is saved as a draft, and the federation sees "draft"
    assert response.status_code == 302
    with inside():
        report = AnnualReport.objects.get(year=YEAR)
        assert (report.status, report.highlights) == ("draft", NARRATIVE["highlights"])
    assert AnnualReportStatus.objects.get(centre=centre, year=YEAR).status == "draft"
    page = coordinator_client.get(url()).text
    assert "We opened a language café." in page
    assert "Submit the report" not in page  # only managers submit


def test_a_coordinator_cannot_submit_or_reopen(coordinator_client, collected, centre):
    write(coordinator_client)

    assert coordinator_client.get(url(page="submit")).status_code == 403
    assert coordinator_client.post(url(page="submit")).status_code == 403
    assert coordinator_client.post(url(page="reopen")).status_code == 403
    assert not AnnualReportSnapshot.objects.filter(centre=centre).exists()


def test_a_volunteer_is_refused_every_annual_report_page(volunteer_client, collected):
    for address in ("/annual-report/", url(), url(page="submit"), url(page="pdf")):
        assert volunteer_client.get(address).status_code == 403, address
    assert write(volunteer_client).status_code == 403


def test_after_submission_the_narrative_is_read_only(
    centre_admin_client, coordinator_client, collected, inside
):
    write(centre_admin_client)
    centre_admin_client.post(url(page="submit"))

    response = write(coordinator_client, summary="Rewritten afterwards.")

    assert response.status_code == 400
    assert "can no longer change" in response.text
    with inside():
        assert AnnualReport.objects.get(year=YEAR).summary == NARRATIVE["summary"]


def test_reopening_and_submitting_again_makes_a_new_version(
    centre_admin_client, collected, centre, inside
):
    # Given a submitted report
    write(centre_admin_client)
    centre_admin_client.post(url(page="submit"))

    # When the manager reopens it, corrects the text and submits again
    assert "Reopen to correct" in centre_admin_client.get(url(page="reopen")).text
    centre_admin_client.post(url(page="reopen"))
    reopened = AnnualReportStatus.objects.get(centre=centre, year=YEAR).status
    write(centre_admin_client, summary="Corrected summary.")
    centre_admin_client.post(url(page="submit"))

    # Then both versions are kept and the latest is the corrected one
    assert reopened == "draft"
    versions = AnnualReportSnapshot.objects.filter(centre=centre, year=YEAR).order_by("version")
    assert [(s.version, s.summary) for s in versions] == [
        (1, NARRATIVE["summary"]),
        (2, "Corrected summary."),
    ]
    assert facade.annual_report_latest(centre_id=centre.pk, year=YEAR).version == 2
    assert AnnualReportStatus.objects.get(centre=centre, year=YEAR).status == "submitted"
    assert "(version 2)" in centre_admin_client.get("/annual-report/").text


def test_the_list_of_years_shows_where_each_report_stands(centre_admin_client, collected):
    write(centre_admin_client)
    centre_admin_client.post(url(page="submit"))
    centre_admin_client.post(url(YEAR - 1), NARRATIVE)

    html = centre_admin_client.get("/annual-report/").text

    assert cells(html, f'<a href="/annual-report/{YEAR}/">Annual report {YEAR}</a>')[0] == (
        "Submitted"
    )
    assert cells(html, f'<a href="/annual-report/{YEAR - 1}/">Annual report {YEAR - 1}</a>')[0] == (
        "Draft"
    )


# --- Partners and PDF ------------------------------------------------------------------------


def _activity(name: str, partners: str, *dates: datetime.date, cancelled: bool = False):
    activity = Activity.objects.create(
        name=name,
        category=ActivityCategory.objects.get(code="social-meeting-places"),
        partner_associations=partners,
        first_date=datetime.date(YEAR - 1, 1, 1),
        start_time=datetime.time(17),
        end_time=datetime.time(19),
    )
    for date in dates:
        Session.objects.create(
            activity=activity,
            date=date,
            start_time=activity.start_time,
            end_time=activity.end_time,
            is_cancelled=cancelled,
        )
    return activity


def test_partners_are_the_associations_of_activities_that_ran_in_the_year(inside):
    with inside():
        _activity("Café", "Red Cross, Lions Club", datetime.date(YEAR, 3, 1))
        _activity("Walks", "red cross; Turlaget", datetime.date(YEAR, 5, 2))
        _activity("Old", "Gone Association", datetime.date(YEAR - 1, 5, 2))
        _activity("Cancelled", "Never Met", datetime.date(YEAR, 6, 1), cancelled=True)
        _activity("Alone", "", datetime.date(YEAR, 6, 2))

        assert partners_of_year(YEAR) == ("Lions Club", "Red Cross", "Turlaget")


def test_submitted_partners_are_kept_with_the_report(
    centre_admin_client, collected, inside, centre
):
    with inside():
        _activity("Café", "Red Cross", datetime.date(YEAR, 3, 1))

    centre_admin_client.post(url(page="submit"))

    assert AnnualReportSnapshot.objects.get(centre=centre, year=YEAR).partners == ["Red Cross"]
    assert "<li>Red Cross</li>" in centre_admin_client.get(url()).text


def test_centre_staff_download_the_pdf_of_the_submitted_report(
    centre_admin_client, coordinator_client, collected
):
    assert coordinator_client.get(url(page="pdf")).status_code == 404  # nothing submitted yet
    centre_admin_client.post(url(page="submit"))

    response = coordinator_client.get(url(page="pdf"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    # named in the federation's language ("arsrapport-…" once the catalogue has it)
    assert re.fullmatch(
        rf'attachment; filename="[a-z-]+-alpha-{YEAR}\.pdf"', response["Content-Disposition"]
    )


@pytest.mark.parametrize("role", ["coordinator", "centre_admin"])
def test_the_staff_menu_links_to_the_annual_report(client_of, centre, member_of, role):
    client = client_of(centre, member_of(centre, role))

    assert 'href="/annual-report/"' in client.get("/staff/").text
