"""The statistics pipeline end to end: a centre's own work becomes anonymised figures in the
shared schema, only changed centres are recomputed, and the federation's sums add up."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from django_tenants.utils import schema_context

from shared_apps.statistics import selectors
from shared_apps.statistics.contracts import KEYS
from shared_apps.statistics.facade import category_codes
from shared_apps.statistics.models import (
    CentreFigure,
    CentreWatermark,
    FederationFigure,
    PublicActivityListing,
    StatisticsRun,
)
from shared_apps.statistics.pipeline import _CentreRef, collect_centre, statistics_update
from shared_apps.statistics.rounding import rounded_cells
from tenant_apps.activities.models import Attendance
from tenant_apps.helprequests.models import HelpRequest, RequestType
from tenant_apps.hours.models import HoursEntry
from tenant_apps.hours.tests.factories import (
    category,
    make_activity,
    make_entry,
    make_help_request,
    make_session,
)
from tests.factories import make_volunteer

APPROVED = HoursEntry.Status.APPROVED


def month_of(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


@pytest.fixture
def last_month() -> datetime.date:
    """A day in the previous month: its sessions and hours are all in the past."""
    return month_of(timezone.localdate()) - datetime.timedelta(days=10)


def figures(centre, key: str) -> dict[tuple[str, datetime.date], Decimal]:
    """What is stored in the shared schema (counts of people rounded)."""
    return {
        (row.dimension, row.month): row.value
        for row in CentreFigure.objects.filter(centre=centre, key=key)
    }


def collected_rows(centre) -> list:
    """What the centre's collectors hand to the facade, before rounding."""
    ref = _CentreRef(centre.pk, centre.schema_name, centre.federation_id)
    rows, _activities = collect_centre(
        ref, categories=category_codes(federation_id=centre.federation_id)
    )
    return rows


def collected(centre, key: str) -> dict[tuple[str, datetime.date], Decimal]:
    """The centre's exact figures of a key, as collected inside the centre."""
    return {
        (row.dimension, row.month): row.value for row in collected_rows(centre) if row.key == key
    }


def fill_alpha(centre, day: datetime.date) -> None:
    """Two volunteers' approved hours, one rejected entry, one deleted volunteer's hours,
    a session with attendance, and a help request matched and closed."""
    with schema_context(centre.schema_name):
        ada = make_volunteer("Ada", age_band="18_29", start_date=day)
        bo = make_volunteer("Bo", age_band="60_79", start_date=day - datetime.timedelta(days=400))
        gone = make_volunteer("Gone", age_band="30_59")
        make_entry(ada, "3", date=day, status=APPROVED)
        make_entry(ada, "2.5", date=day, status=APPROVED, category=category("events"))
        make_entry(bo, "4", date=day, status=APPROVED)
        make_entry(bo, "7", date=day, status=HoursEntry.Status.REJECTED)
        make_entry(gone, "1", date=day, status=APPROVED)
        gone.delete()  # the hours stay, without a volunteer
        session = make_session(make_activity(), day)
        Attendance.objects.create(
            session=session, age_band="60_79", target_group="seniors", count=12
        )
        Attendance.objects.create(session=session, age_band="18_29", count=3)
        opened = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
        request = make_help_request(opened_at=opened)
        request.request_type = RequestType.objects.get(code="transport")
        request.matched_at = opened
        request.closed_at = opened
        request.save()


def test_a_centres_work_becomes_its_figures(centre, last_month):
    # Given alpha's work last month
    fill_alpha(centre, last_month)
    month = month_of(last_month)

    # When the pipeline runs
    result = statistics_update()

    # Then the collected figures are alpha's exact totals: approved hours only, a deleted
    # volunteer's hours still counted, people counted once
    assert result.centres_recomputed >= 1
    assert collected(centre, "hours.total") == {("", month): Decimal("10.50")}
    assert collected(centre, "hours.by_category") == {
        ("social-meeting-places", month): Decimal("8.00"),
        ("events", month): Decimal("2.50"),
    }
    assert collected(centre, "volunteers.active") == {("", month): 2}
    assert collected(centre, "volunteers.active_by_age_band") == {
        ("18_29", month): 1,
        ("60_79", month): 1,
    }
    assert collected(centre, "volunteers.active_in_year") == {("", month.replace(month=1)): 2}
    assert collected(centre, "volunteers.new")[("", month)] == 1
    assert collected(centre, "sessions.held") == {("social-meeting-places", month): 1}
    assert collected(centre, "activities.running") == {("social-meeting-places", month): 1}
    assert collected(centre, "participants.total") == {("", month): 15}
    assert collected(centre, "participants.by_age_band") == {
        ("60_79", month): 12,
        ("18_29", month): 3,
    }
    assert collected(centre, "participants.by_target_group") == {("seniors", month): 12}
    for key in ("help_requests.opened", "help_requests.matched", "help_requests.closed"):
        assert collected(centre, key) == {("transport", month): 1}

    # And what is stored in the shared schema is the same, with every count of people
    # rounded once (0 or 5 for 1 to 4; totals the sum of their rounded breakdown)
    cells: dict = {}
    for row in collected_rows(centre):
        if row.value:
            slot = (row.key, row.dimension, row.month)
            cells[slot] = cells.get(slot, 0) + Decimal(row.value)
    expected = {
        cell: value
        for cell, value in rounded_cells(centre_id=centre.pk, cells=cells).items()
        if value
    }
    stored = {
        (row.key, row.dimension, row.month): row.value
        for row in CentreFigure.objects.filter(centre=centre)
    }
    assert stored == expected
    assert stored[("hours.total", "", month)] == Decimal("10.50")
    assert stored[("participants.by_age_band", "60_79", month)] == 12
    for (key, _dimension, _month), value in stored.items():
        if KEYS[key].is_people_count:
            assert value == 0 or value >= 5, key
    assert stored.get(("participants.total", "", month), 0) == 12 + stored.get(
        ("participants.by_age_band", "18_29", month), 0
    )


def test_nothing_personal_crosses(centre, last_month):
    # Given a help request of a type the centre named after a person
    fill_alpha(centre, last_month)
    with schema_context(centre.schema_name):
        private = make_help_request(type_name="Help for Kari Nordmann", opened_at=timezone.now())
        assert private.request_type.code.startswith("test-type")

    # When the pipeline runs
    statistics_update()

    # Then only allow-listed codes are stored: the centre's own type is "other"
    dimensions = set(CentreFigure.objects.filter(centre=centre).values_list("dimension", flat=True))
    assert "Kari" not in " ".join(dimensions)
    assert collected(centre, "help_requests.opened")[("other", month_of(timezone.localdate()))] >= 1
    names = {"Ada", "Bo", "Gone", "Kari", "Nordmann"}
    for row in CentreFigure.objects.filter(centre=centre):
        assert not names & set(f"{row.key} {row.dimension}".split())


def test_only_changed_centres_are_recomputed(centre, other_centre, last_month):
    # Given figures computed for every centre
    statistics_update()
    assert statistics_update().centres_recomputed == 0

    # When alpha's data changes, even by a bulk update that sends no Django signal
    with schema_context(centre.schema_name):
        volunteer = make_volunteer("Ada")
        make_entry(volunteer, "2", date=last_month)
        HoursEntry.objects.filter(volunteer=volunteer).update(status=APPROVED)

    # Then the next run recomputes alpha alone, and alpha's watermark moved
    before = CentreWatermark.objects.get(centre=other_centre).source_version
    result = statistics_update()
    assert result.centres_recomputed == 1
    assert figures(centre, "hours.total") == {("", month_of(last_month)): Decimal("2.00")}
    assert CentreWatermark.objects.get(centre=other_centre).source_version == before
    assert StatisticsRun.objects.filter(finished_at__isnull=False).count() == 2 + 1


def test_federation_sums_add_up_to_the_centres_own_totals(centre, other_centre, last_month):
    # Given hours in alpha and beta (same federation) and in gamma (another one)
    fill_alpha(centre, last_month)
    with schema_context(other_centre.schema_name):
        make_entry(make_volunteer("Cy"), "6", date=last_month, status=APPROVED)
    statistics_update()
    month = month_of(last_month)

    # Then the federation's rollup equals the sum of its centres' figures, key by key
    def own_total(c):
        with schema_context(c.schema_name):
            return sum(
                entry.hours
                for entry in HoursEntry.objects.filter(status=APPROVED, date__gte=month)
                if month_of(entry.date) == month
            )

    federation_id = centre.federation_id
    national = selectors.federation_sums(
        federation_id=federation_id, key="hours.total", date_from=month, date_to=month
    )
    assert national == {(month,): own_total(centre) + own_total(other_centre)}
    for row in FederationFigure.objects.filter(federation_id=federation_id):
        summed = sum(
            CentreFigure.objects.filter(
                centre__federation_id=federation_id,
                key=row.key,
                dimension=row.dimension,
                month=row.month,
            ).values_list("value", flat=True)
        )
        assert row.value == summed, row


def test_a_full_rebuild_gives_the_same_figures_and_rollup(centre, other_centre, last_month):
    fill_alpha(centre, last_month)
    statistics_update()
    incremental = set(
        FederationFigure.objects.values_list("federation_id", "key", "dimension", "month", "value")
    )

    result = statistics_update(full=True)

    assert result.kind == "full"
    assert result.centres_recomputed == result.centres_checked
    rebuilt = set(
        FederationFigure.objects.values_list("federation_id", "key", "dimension", "month", "value")
    )
    assert rebuilt == incremental


def test_a_second_run_waits_for_the_first(centre):
    from shared_apps.statistics.pipeline import LOCK_ID, StatisticsBusy

    with connection.cursor() as cursor:
        # Another session holds the lock
        from psycopg import connect

        settings_dict = connection.settings_dict
        other = connect(
            dbname=settings_dict["NAME"],
            host=settings_dict.get("HOST") or None,
            port=settings_dict.get("PORT") or None,
            user=settings_dict.get("USER") or None,
            autocommit=True,
        )
        try:
            other.execute("SELECT pg_advisory_lock(%s)", [LOCK_ID])
            with pytest.raises(StatisticsBusy):
                statistics_update()
        finally:
            other.close()
        cursor.execute("SELECT 1")


def test_public_activities_are_listed_for_the_municipality(centre):
    with schema_context(centre.schema_name):
        activity = make_activity(name="Språkkafé", place="Biblioteket")
        make_session(activity, timezone.localdate() + datetime.timedelta(days=3))
        make_activity(name="Internal planning", is_public=False)

    statistics_update()

    listed = PublicActivityListing.objects.filter(centre=centre)
    assert [(a.name, a.place, a.category) for a in listed] == [
        ("Språkkafé", "Biblioteket", "social-meeting-places")
    ]
    assert listed[0].next_date == timezone.localdate() + datetime.timedelta(days=3)


def test_rebuild_command_shows_progress(centre, capsys):
    call_command("statistics_update", "--full")
    captured = capsys.readouterr()
    assert "100 %" in captured.err
    assert "full:" in captured.out


def test_the_command_can_enqueue_a_run(centre, last_month):
    # The test settings run tasks at once: enqueueing runs the pipeline
    fill_alpha(centre, last_month)
    call_command("statistics_update", "--enqueue")
    assert figures(centre, "hours.total")


def test_help_request_without_closing_is_opened_only(centre, last_month):
    with schema_context(centre.schema_name):
        request = make_help_request()
        HelpRequest.objects.filter(pk=request.pk).update(matched_at=None, closed_at=None)
    statistics_update()
    assert collected(centre, "help_requests.opened")
    assert collected(centre, "help_requests.closed") == {}
    assert figures(centre, "help_requests.closed") == {}
