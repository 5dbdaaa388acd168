"""Submitted annual reports on the platform host: the federation's overview of its centres,
the municipality's reports, one report and its PDF, suppression of small counts, and the
facade's refusal of figures that may not leave a centre."""

from __future__ import annotations

import datetime
import html as html_module
import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from shared_apps.accounts.models import MunicipalityViewer
from shared_apps.reports import facade, selectors
from shared_apps.reports.contracts import DRAFT, AnnualReportNarrative
from shared_apps.reports.models import AnnualReportSnapshot
from shared_apps.reports.pdf import snapshot_pdf_html
from shared_apps.statistics.contracts import AggregateRow
from shared_apps.statistics.rounding import rounded_cell
from tenants.models import Centre
from tests.plugin import host_client, in_english, sign_in
from toolkit.errors import ApplicationError

YEAR = timezone.localdate().year - 1
JANUARY = datetime.date(YEAR, 1, 1)
REPORT_PAGES = ("report", "pdf")


def row(key: str, value, dimension: str = "", month: datetime.date = JANUARY) -> AggregateRow:
    return AggregateRow(key=key, month=month, value=Decimal(str(value)), dimension=dimension)


FIGURES = [
    row("hours.total", "120.5"),
    row("hours.by_category", "100", "social-meeting-places"),
    row("hours.by_category", "20.5", "other"),
    row("volunteers.active_in_year", 15),
    row("volunteers.active_in_year_by_age_band", 3, "18_29"),
    row("volunteers.active_in_year_by_age_band", 12, "60_79"),
    row("volunteers.new", 2),
    row("activities.running_in_year", 3, "social-meeting-places"),
    row("sessions.held", 4, "social-meeting-places"),
    row("participants.total", 40),
    row("participants.by_age_band", 40, "60_79"),
    row("help_requests.opened", 9, "shopping"),
]
NARRATIVE = AnnualReportNarrative(
    summary="Et år med vekst.",
    highlights="Språkkafé hver uke.",
    cooperation="Sammen med biblioteket.",
    plans="Flere turer.",
    partners=("Røde Kors",),
)


def submit(centre, figures=FIGURES, narrative=NARRATIVE, year=YEAR):
    return facade.annual_report_submit(
        centre_id=centre.pk,
        year=year,
        submitted_by_user_id=None,
        language="nb",
        narrative=narrative,
        figures=figures,
    )


def report_url(centre, page: str = "report") -> str:
    suffix = "pdf/" if page == "pdf" else ""
    return f"/reports/centre/{centre.slug}/{YEAR}/{suffix}"


def cells(html: str, label: str, caption: str = "") -> list[str]:
    if caption:
        found = re.search(rf"<caption>{re.escape(caption)}</caption>(.*?)</table>", html, re.S)
        assert found, f"no table {caption!r}"
        html = found.group(1)
    match = re.search(rf'<th scope="row">{re.escape(label)}</th>(.*?)</tr>', html, re.S)
    assert match, f"no row {label!r}"
    return [
        html_module.unescape(re.sub(r"<[^>]+>", "", cell)).strip()
        for cell in re.findall(r"<td[^>]*>(.*?)</td>", match.group(1), re.S)
    ]


def fact(html: str, label: str) -> str:
    match = re.search(rf"<dt>{re.escape(label)}</dt><dd>(.*?)</dd>", html, re.S)
    assert match, f"no fact {label!r}"
    return match.group(1).strip()


@pytest.fixture
def federation(federation_client):
    return in_english(federation_client)


@pytest.fixture
def municipality(municipality_client):
    return in_english(municipality_client)


@pytest.fixture
def other_municipality(make_user, other_centre):
    """A viewer of beta's municipality, not alpha's."""
    user = make_user(full_name="Other Municipality")
    MunicipalityViewer.objects.create(user=user, municipality=other_centre.municipality)
    return in_english(sign_in(host_client(settings.PLATFORM_DOMAIN), user))


# --- The federation ----------------------------------------------------------------------------


def test_the_federation_sees_who_has_submitted_and_never_another_federations_centres(
    federation, centre, other_centre, danish_centre
):
    # Given alpha submitted, beta did nothing, gamma (another federation) submitted
    submit(centre)
    submit(danish_centre, figures=[])

    # When the federation admin of test-nfs opens the overview of the year
    response = federation.get(f"/reports/federation/?year={YEAR}")

    # Then alpha is submitted, beta not started, gamma absent
    assert response.status_code == 200
    html = response.text
    assert cells(html, "Alpha Frivilligsentral")[1] == "Submitted"
    assert cells(html, "Beta Frivilligsentral")[1:3] == ["Not started", "–"]
    assert "Gamma" not in html
    assert fact(html, "Submitted") == "1"
    assert fact(html, "Not started") == "1"
    assert fact(html, "Draft") == "0"
    assert f'href="/reports/centre/alpha/{YEAR}/"' in html


def test_the_federation_sees_a_draft_and_a_report_reopened_for_correction(
    federation, centre, other_centre
):
    facade.annual_report_status_set(centre_id=other_centre.pk, year=YEAR, status=DRAFT)
    submit(centre)
    facade.annual_report_status_set(centre_id=centre.pk, year=YEAR, status=DRAFT)

    html = federation.get(f"/reports/federation/?year={YEAR}").text

    assert cells(html, "Beta Frivilligsentral")[1] == "Draft"
    assert cells(html, "Alpha Frivilligsentral")[1] == "Draft (reopened for correction)"
    assert fact(html, "Draft") == "2"
    # the submitted version stays readable while it is corrected
    assert federation.get(report_url(centre)).status_code == 200


def test_the_federation_reads_its_centres_reports_but_not_another_federations(
    federation, centre, danish_centre
):
    submit(centre)
    submit(danish_centre, figures=[])

    assert federation.get(report_url(centre)).status_code == 200
    assert federation.get(report_url(centre, "pdf")).status_code == 200
    assert federation.get(report_url(danish_centre)).status_code == 404
    assert federation.get(report_url(danish_centre, "pdf")).status_code == 404


def test_a_report_that_is_not_submitted_is_not_found(federation, centre, other_centre):
    facade.annual_report_status_set(centre_id=other_centre.pk, year=YEAR, status=DRAFT)

    assert federation.get(report_url(other_centre)).status_code == 404
    assert federation.get(report_url(centre)).status_code == 404


# --- The municipality --------------------------------------------------------------------------


def test_the_municipality_reads_its_centres_report_and_pdf(municipality, centre, other_centre):
    submit(centre)
    submit(other_centre)

    listing = municipality.get("/reports/municipality/")
    page = municipality.get(report_url(centre))
    document = municipality.get(report_url(centre, "pdf"))

    assert listing.status_code == 200
    assert cells(listing.text, "Alpha Frivilligsentral")[0] == str(YEAR)
    assert "Beta" not in listing.text  # another municipality's centre
    assert page.status_code == 200
    assert "Språkkafé hver uke." in page.text
    assert "<li>Røde Kors</li>" in page.text
    assert document.status_code == 200
    assert document["Content-Type"] == "application/pdf"
    assert document.content.startswith(b"%PDF")


def test_the_municipality_is_refused_every_write(municipality, centre):
    submit(centre)
    addresses = [
        "/reports/",
        "/reports/federation/",
        "/reports/municipality/",
        report_url(centre),
        report_url(centre, "pdf"),
    ]
    for address in addresses:
        for method in ("post", "put", "patch", "delete"):
            assert getattr(municipality, method)(address).status_code == 403, (method, address)
    assert AnnualReportSnapshot.objects.filter(centre=centre).count() == 1


def test_a_viewer_of_another_municipality_gets_not_found(other_municipality, centre):
    submit(centre)

    assert other_municipality.get(report_url(centre)).status_code == 404
    assert other_municipality.get(report_url(centre, "pdf")).status_code == 404
    assert "Alpha" not in other_municipality.get("/reports/municipality/").text


def test_the_municipality_has_no_federation_overview(municipality):
    assert municipality.get("/reports/federation/").status_code == 403
    assert municipality.get("/reports/").status_code == 302


# --- What a report shows -----------------------------------------------------------------------


def test_small_people_counts_are_stored_and_shown_rounded(federation, centre):
    submit(centre)
    young = rounded_cell(
        centre_id=centre.pk,
        key="volunteers.active_in_year_by_age_band",
        dimension="18_29",
        month=JANUARY,
        value=3,
    )
    new = rounded_cell(
        centre_id=centre.pk, key="volunteers.new", dimension="", month=JANUARY, value=2
    )

    html = federation.get(report_url(centre)).text

    # 3 volunteers aged 18–29 left the centre as 0 or 5, and the year's total is the sum of
    # the rounded bands (12 + that), so 15 − 12 = 3 cannot be worked out
    assert young in (0, 5) and new in (0, 5)
    assert cells(html, "18–29", "Active volunteers in the year by age") == [str(young)]
    assert cells(html, "60–79", "Active volunteers in the year by age") == ["12"]
    assert fact(html, "Active volunteers in the year") == str(12 + young)
    assert fact(html, "New volunteers") == str(new)
    assert "&lt;5" not in html
    # counts that are not of people, and people counts of 5 or more, are shown
    assert fact(html, "Volunteer hours") == "120.50"
    assert cells(html, "Social meeting places", "Activities and sessions by category") == [
        "3",
        "4",
    ]
    assert cells(html, "60–79", "Participants by age") == ["40"]
    assert cells(html, "Shopping", "Help requests by type of help") == ["9", "0", "0"]


def test_a_corrected_report_shows_its_latest_version(federation, centre):
    submit(centre)
    submit(centre, narrative=AnnualReportNarrative(summary="Rettet."))

    html = federation.get(report_url(centre)).text

    assert "Rettet." in html
    assert "Et år med vekst." not in html
    assert "(version 2)" in html


def test_the_pdf_is_written_in_the_federations_language(federation, centre, danish_centre):
    norwegian = submit_and_get(centre)
    danish = submit_and_get(danish_centre)

    norwegian_html = snapshot_pdf_html(norwegian)
    danish_html = snapshot_pdf_html(danish)

    assert '<html lang="nb">' in norwegian_html
    assert "Sosiale møteplasser" in norwegian_html  # the federation's category name
    assert "<h3" in norwegian_html and ">Timer</h3>" in norwegian_html
    assert ">Frivillige</h3>" in norwegian_html
    assert "&lt;5" not in norwegian_html  # small counts are rounded, not hidden
    assert '<html lang="da">' in danish_html
    assert "Sociale mødesteder" in danish_html
    assert ">Deltagere</h3>" in danish_html


def submit_and_get(centre) -> AnnualReportSnapshot:
    result = submit(centre)
    return AnnualReportSnapshot.objects.get(centre=centre, year=YEAR, version=result.version)


# --- The facade ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("figure", "message"),
    [
        (row("volunteers.names", 3), "not a figure that may leave a centre"),
        (row("volunteers.active_by_age_band", 3, "teenagers in the choir"), "may be split by"),
        (row("hours.by_category", 3, "our-own-category"), "may be split by"),
        (row("hours.total", 3, "social-meeting-places"), "may be split by"),
        (row("hours.total", 3, month=datetime.date(YEAR - 1, 5, 1)), "is not a figure of"),
        (row("volunteers.active_in_year", 3, month=datetime.date(YEAR, 2, 1)), "must be dated"),
        (row("hours.total", -1), "a number of zero or more"),
    ],
    ids=["key", "free-text", "category", "no-dimension", "other-year", "year-row", "negative"],
)
def test_the_facade_refuses_figures_that_may_not_leave_a_centre(centre, figure, message):
    with pytest.raises(ApplicationError, match=message):
        submit(centre, figures=[*FIGURES, figure])

    assert not AnnualReportSnapshot.objects.filter(centre=centre).exists()


def test_the_facade_refuses_the_same_figure_twice(centre):
    with pytest.raises(ApplicationError, match="twice"):
        submit(centre, figures=[row("hours.total", 1), row("hours.total", 2)])


def test_the_facade_accepts_every_federation_category_and_other(centre):
    figures = [
        row("hours.by_category", 1, "crafts-music"),
        row("hours.by_category", 2, "other"),
    ]

    submitted = submit(centre, figures=figures)

    assert [(f.dimension, f.value) for f in submitted.figures] == [
        ("crafts-music", Decimal(1)),
        ("other", Decimal(2)),
    ]


def test_submitted_reports_of_centres_lists_the_latest_version_of_those_centres_only(
    centre, other_centre, danish_centre
):
    submit(centre)
    submit(centre)
    submit(other_centre)
    submit(danish_centre, figures=[], year=YEAR - 1)

    reports = selectors.submitted_reports(centre_ids=[centre.pk, danish_centre.pk])

    assert [(r.centre_slug, r.year, r.version) for r in reports] == [
        ("alpha", YEAR, 2),
        ("gamma", YEAR - 1, 1),
    ]
    assert reports[0].url == f"/reports/centre/alpha/{YEAR}/"
    assert reports[0].pdf_url == f"/reports/centre/alpha/{YEAR}/pdf/"


def test_report_pages_only_answer_reading_even_for_the_federation(federation, centre):
    submit(centre)

    assert federation.post(report_url(centre)).status_code == 405
    assert federation.post(f"/reports/federation/?year={YEAR}").status_code == 405


# --- Queries -----------------------------------------------------------------------------------


def _bare_centres(federation_of, municipality, count: int) -> list[Centre]:
    """Centre rows without a schema: enough for pages that only read the shared schema."""
    return [
        Centre.objects.create(
            name=f"Extra {number}",
            slug=f"extra-{number}",
            schema_name=f"c_extra_{number}",
            federation=federation_of,
            municipality=municipality,
            ownership_form="association",
            status="active",
            status_changed_at=timezone.now(),
        )
        for number in range(count)
    ]


def _queries(client, address: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(address).status_code == 200
    return len(captured)


def test_the_overview_and_the_list_take_as_many_queries_for_many_centres_as_for_few(
    federation, municipality, centre
):
    submit(centre)
    overview = f"/reports/federation/?year={YEAR}"
    few = (_queries(federation, overview), _queries(municipality, "/reports/municipality/"))

    for extra in _bare_centres(centre.federation, centre.municipality, 4):
        submit(extra, figures=[])
        facade.annual_report_status_set(centre_id=extra.pk, year=YEAR - 1, status=DRAFT)

    many = (_queries(federation, overview), _queries(municipality, "/reports/municipality/"))
    assert many == few
    assert len(selectors.submitted_reports(centre_ids=[centre.pk])) == 1
