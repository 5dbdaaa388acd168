"""The rules of logging, changing and approving hours, straight through the services."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from tenant_apps.hours.models import HoursEntry
from tenant_apps.hours.services import (
    HoursInvalid,
    HoursNotAllowed,
    hours_approve,
    hours_bulk_log_for_session,
    hours_delete,
    hours_log,
    hours_reject,
    hours_update,
)
from tenant_apps.hours.tests.factories import (
    actor_for,
    category,
    days_ago,
    make_activity,
    make_assignment,
    make_entry,
    make_session,
    today,
)
from tests.factories import make_volunteer


@pytest.fixture
def own(inside, volunteer):
    """The signed-in volunteer's own Volunteer row."""
    with inside():
        return make_volunteer("Vera", "Volunteer", account_user_id=volunteer.pk)


def count(inside) -> int:
    with inside():
        return HoursEntry.objects.count()


# --- Logging -------------------------------------------------------------------------------


def test_a_volunteer_logs_their_own_hours_waiting_for_approval(inside, volunteer, own):
    with inside():
        entry = hours_log(
            volunteer=None,
            category=category("other"),
            date=days_ago(1),
            hours="2.5",
            description="Sorted donated clothes",
            actor=actor_for(volunteer, coordinator=False),
        )
        entry.refresh_from_db()

    assert entry.volunteer_id == own.pk
    assert entry.hours == Decimal("2.50")
    assert entry.status == HoursEntry.Status.SUBMITTED
    assert entry.logged_by_user_id == volunteer.pk
    assert entry.approved_at is None


def test_a_coordinator_logs_for_anyone_and_may_approve_at_once(inside, coordinator):
    with inside():
        someone = make_volunteer("Sam")
        entry = hours_log(
            volunteer=someone,
            category=category(),
            date=today(),
            hours=Decimal("3"),
            actor=actor_for(coordinator, coordinator=True),
            approve=True,
        )

    assert entry.volunteer_id == someone.pk
    assert entry.status == HoursEntry.Status.APPROVED
    assert entry.approved_by_user_id == coordinator.pk
    assert entry.approved_at is not None


def test_the_category_defaults_to_the_activitys_and_a_session_implies_its_activity(
    inside, volunteer, own
):
    with inside():
        walk = make_activity("Walking group", code="physical-activity")
        session = make_session(walk, days_ago(2))
        entry = hours_log(
            volunteer=None,
            category=None,
            date=session.date,
            hours="1.5",
            session=session,
            actor=actor_for(volunteer, coordinator=False),
        )

    assert entry.activity_id == walk.pk
    assert entry.category.code == "physical-activity"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"hours": "0"}, "hours", "The hours must be more than 0."),
        ({"hours": "-1"}, "hours", "The hours must be more than 0."),
        ({"hours": "24.5"}, "hours", "A day has at most 24 hours."),
        ({"hours": ""}, "hours", "Enter the number of hours, e.g. 2 or 1.5."),
        ({"hours": "1.255"}, "hours", "Use at most two decimals, e.g. 1.25."),
        ({"date": None}, "date", "Enter the date."),
        ({"future": True}, "date", "The date cannot be in the future."),
        ({"category": None}, "category", "Choose a category."),
    ],
)
def test_bad_input_is_refused_with_a_field_error_and_nothing_is_saved(
    inside, volunteer, own, changes, field, message
):
    values = {"volunteer": None, "category": "other", "date": days_ago(1), "hours": "2"}
    values.update(changes)
    if values.pop("future", False):
        values["date"] = today() + datetime.timedelta(days=1)
    with inside():
        values["category"] = category(values["category"]) if values["category"] else None
        with pytest.raises(HoursInvalid) as refused:
            hours_log(actor=actor_for(volunteer, coordinator=False), **values)

    assert refused.value.errors[field] == message
    assert count(inside) == 0


def test_every_wrong_field_is_reported_at_once(inside, volunteer, own):
    with inside(), pytest.raises(HoursInvalid) as refused:
        hours_log(
            volunteer=None,
            category=None,
            date=today() + datetime.timedelta(days=366),
            hours="30",
            actor=actor_for(volunteer, coordinator=False),
        )
    assert set(refused.value.errors) == {"category", "date", "hours"}
    assert count(inside) == 0


def test_errors_are_translated(inside, volunteer, own):
    with inside(), translation.override("nb"), pytest.raises(HoursInvalid) as refused:
        hours_log(
            volunteer=None,
            category=category(),
            date=days_ago(1),
            hours="25",
            actor=actor_for(volunteer, coordinator=False),
        )
    assert refused.value.errors["hours"] == "Et døgn har høyst 24 timer."
    assert count(inside) == 0


def test_a_session_of_another_activity_is_refused(inside, coordinator):
    with inside():
        cafe, walk = make_activity("Café"), make_activity("Walk", code="physical-activity")
        session = make_session(walk, days_ago(1))
        with pytest.raises(HoursInvalid) as refused:
            hours_log(
                volunteer=make_volunteer(),
                category=None,
                date=days_ago(1),
                hours="2",
                activity=cafe,
                session=session,
                actor=actor_for(coordinator, coordinator=True),
            )
    assert refused.value.errors == {"session": "This session belongs to another activity."}
    assert count(inside) == 0


def test_another_volunteers_help_assignment_is_refused(inside, volunteer, own):
    with inside():
        assignment = make_assignment(make_volunteer("Other"))
        with pytest.raises(HoursInvalid) as refused:
            hours_log(
                volunteer=None,
                category=category("one-to-one-help"),
                date=days_ago(1),
                hours="2",
                assignment=assignment,
                actor=actor_for(volunteer, coordinator=False),
            )
    assert refused.value.errors == {
        "assignment": "This help assignment belongs to another volunteer."
    }
    assert count(inside) == 0


def test_hours_for_a_session_are_logged_once_per_volunteer(inside, coordinator):
    with inside():
        session = make_session(make_activity(), days_ago(1))
        someone = make_volunteer()
        actor = actor_for(coordinator, coordinator=True)
        values = {"category": None, "date": session.date, "hours": "2", "session": session}
        hours_log(volunteer=someone, actor=actor, **values)
        with pytest.raises(HoursInvalid) as refused:
            hours_log(volunteer=someone, actor=actor, **values)
    assert "session" in refused.value.errors
    assert count(inside) == 1


def test_a_volunteer_cannot_log_for_someone_else_or_approve(inside, volunteer, own):
    actor = actor_for(volunteer, coordinator=False)
    with inside():
        other = make_volunteer("Other")
        with pytest.raises(HoursNotAllowed):
            hours_log(volunteer=other, category=category(), date=today(), hours="1", actor=actor)
        with pytest.raises(HoursNotAllowed):
            hours_log(
                volunteer=None,
                category=category(),
                date=today(),
                hours="1",
                actor=actor,
                approve=True,
            )
    assert count(inside) == 0


def test_someone_without_a_volunteer_record_cannot_log(inside, volunteer):
    with inside(), pytest.raises(HoursNotAllowed):
        hours_log(
            volunteer=None,
            category=category(),
            date=today(),
            hours="1",
            actor=actor_for(volunteer, coordinator=False),
        )
    assert count(inside) == 0


# --- Bulk logging for a session --------------------------------------------------------------


def test_bulk_logging_saves_every_volunteers_hours_approved(inside, coordinator):
    with inside():
        session = make_session(make_activity(), days_ago(1))
        ann, ben = make_volunteer("Ann"), make_volunteer("Ben")
        created = hours_bulk_log_for_session(
            session=session,
            entries=[(ann, "2.5"), (ben, Decimal("1"))],
            actor=actor_for(coordinator, coordinator=True),
        )
        saved = sorted(
            HoursEntry.objects.filter(session=session).values_list(
                "volunteer__first_name", "hours", "status", "activity_id", "date"
            )
        )

    assert len(created) == 2
    assert saved == [
        ("Ann", Decimal("2.50"), "approved", session.activity_id, session.date),
        ("Ben", Decimal("1.00"), "approved", session.activity_id, session.date),
    ]


def test_bulk_logging_is_all_or_nothing(inside, coordinator):
    with inside():
        session = make_session(make_activity(), days_ago(1))
        ann, ben, cat = make_volunteer("Ann"), make_volunteer("Ben"), make_volunteer("Cat")
        with pytest.raises(HoursInvalid) as refused:
            hours_bulk_log_for_session(
                session=session,
                entries=[(ann, "2"), (ben, "30"), (cat, "2")],
                actor=actor_for(coordinator, coordinator=True),
            )
    assert refused.value.errors == {f"hours_{ben.pk}": "A day has at most 24 hours."}
    assert count(inside) == 0


def test_bulk_logging_refuses_volunteers_already_logged_and_saves_none(inside, coordinator):
    actor = actor_for(coordinator, coordinator=True)
    with inside():
        session = make_session(make_activity(), days_ago(1))
        ann, ben = make_volunteer("Ann"), make_volunteer("Ben")
        hours_bulk_log_for_session(session=session, entries=[(ann, "2")], actor=actor)
        with pytest.raises(HoursInvalid) as refused:
            hours_bulk_log_for_session(
                session=session, entries=[(ben, "2"), (ann, "2")], actor=actor
            )
    assert list(refused.value.errors) == [f"hours_{ann.pk}"]
    assert count(inside) == 1


def test_bulk_logging_refuses_a_future_session_and_volunteers(inside, coordinator, volunteer):
    with inside():
        future = make_session(make_activity(), today() + datetime.timedelta(days=366))
        past = make_session(make_activity("Other"), days_ago(1))
        ann = make_volunteer("Ann")
        with pytest.raises(HoursInvalid) as refused:
            hours_bulk_log_for_session(
                session=future,
                entries=[(ann, "2")],
                actor=actor_for(coordinator, coordinator=True),
            )
        with pytest.raises(HoursNotAllowed):
            hours_bulk_log_for_session(
                session=past, entries=[(ann, "2")], actor=actor_for(volunteer, coordinator=False)
            )
    assert refused.value.errors == {"date": "The session has not taken place yet."}
    assert count(inside) == 0


# --- Changing and deleting -------------------------------------------------------------------


def test_a_volunteer_changes_and_deletes_their_own_waiting_hours(inside, volunteer, own):
    actor = actor_for(volunteer, coordinator=False)
    with inside():
        entry = make_entry(own, "2")
        hours_update(
            entry=entry, actor=actor, category=category("other"), date=days_ago(2), hours="3"
        )
        entry.refresh_from_db()
        assert (entry.hours, entry.category.code) == (Decimal("3.00"), "other")
        hours_delete(entry=entry, actor=actor)
        assert not HoursEntry.objects.filter(pk=entry.pk).exists()


@pytest.mark.parametrize("status", ["approved", "rejected"])
def test_a_volunteer_cannot_change_or_delete_decided_hours(inside, volunteer, own, status):
    actor = actor_for(volunteer, coordinator=False)
    with inside():
        entry = make_entry(own, "2", status=status)
        with pytest.raises(HoursNotAllowed):
            hours_update(entry=entry, actor=actor, category=category(), date=days_ago(1), hours="9")
        with pytest.raises(HoursNotAllowed):
            hours_delete(entry=entry, actor=actor)
        entry.refresh_from_db()
    assert entry.hours == Decimal("2.00")


def test_a_volunteer_cannot_change_or_delete_someone_elses_hours(inside, volunteer, own):
    actor = actor_for(volunteer, coordinator=False)
    with inside():
        entry = make_entry(make_volunteer("Other"), "2")
        with pytest.raises(HoursNotAllowed):
            hours_update(entry=entry, actor=actor, category=category(), date=days_ago(1), hours="9")
        with pytest.raises(HoursNotAllowed):
            hours_delete(entry=entry, actor=actor)
        assert HoursEntry.objects.get(pk=entry.pk).hours == Decimal("2.00")


def test_a_change_with_bad_input_saves_nothing(inside, volunteer, own):
    with inside():
        entry = make_entry(own, "2")
        with pytest.raises(HoursInvalid):
            hours_update(
                entry=entry,
                actor=actor_for(volunteer, coordinator=False),
                category=category("other"),
                date=days_ago(1),
                hours="0",
            )
        entry.refresh_from_db()
        assert (entry.hours, entry.category.code) == (Decimal("2.00"), "social-meeting-places")


# --- Approving and rejecting -----------------------------------------------------------------


def test_coordinators_approve_a_batch_of_waiting_entries(inside, coordinator):
    with inside():
        someone = make_volunteer()
        waiting = [make_entry(someone, "1"), make_entry(someone, "2")]
        untouched = make_entry(someone, "3")
        approved = hours_approve(
            entry_ids=[entry.pk for entry in waiting],
            actor=actor_for(coordinator, coordinator=True),
        )
        statuses = dict(HoursEntry.objects.values_list("pk", "status"))
        approvers = set(
            HoursEntry.objects.filter(status="approved").values_list(
                "approved_by_user_id", flat=True
            )
        )

    assert approved == 2
    assert statuses == {
        waiting[0].pk: "approved",
        waiting[1].pk: "approved",
        untouched.pk: "submitted",
    }
    assert approvers == {coordinator.pk}


def test_coordinators_reject_waiting_entries_but_not_approved_ones(inside, coordinator):
    actor = actor_for(coordinator, coordinator=True)
    with inside():
        someone = make_volunteer()
        waiting, done = make_entry(someone, "1"), make_entry(someone, "2", status="approved")
        rejected = hours_reject(entry_ids=[waiting.pk, done.pk], actor=actor)
        statuses = dict(HoursEntry.objects.values_list("pk", "status"))
    assert rejected == 1
    assert statuses == {waiting.pk: "rejected", done.pk: "approved"}


def test_volunteers_cannot_approve_or_reject(inside, volunteer, own):
    actor = actor_for(volunteer, coordinator=False)
    with inside():
        entry = make_entry(own, "1")
        with pytest.raises(HoursNotAllowed):
            hours_approve(entry_ids=[entry.pk], actor=actor)
        with pytest.raises(HoursNotAllowed):
            hours_reject(entry_ids=[entry.pk], actor=actor)
        entry.refresh_from_db()
    assert entry.status == "submitted"
