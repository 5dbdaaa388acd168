"""The lifecycle of a help request, assignments and notes, as the services enforce them."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from tenant_apps.audit.models import AuditEvent
from tenant_apps.helprequests import services
from tenant_apps.helprequests.models import Assignment, FollowUpNote, HelpRequest, RequestType
from tenant_apps.people.models import Participant, PoliceCertificateRecord
from toolkit.errors import ApplicationError

pytestmark = pytest.mark.usefixtures("in_centre")


def at(days_ago: int) -> datetime.datetime:
    """`days_ago` days before now: the same moment at every call under `stopped_clock` (a
    clock that ran on made a test flaky when a second boundary passed between two calls)."""
    return timezone.now() - datetime.timedelta(days=days_ago)


def test_full_lifecycle_records_the_date_of_every_step(make, coordinator, stopped_clock):
    # Given a request taken 30 days ago and a volunteer
    volunteer = make.volunteer("Ada")
    help_request = services.help_request_create(
        actor=coordinator,
        request_type=make.request_type(),
        new_participant=services.NewParticipant(first_name="Kari", phone="99887766"),
        opened_at=at(30),
    )
    assert help_request.status == "new"
    assert help_request.opened_at == at(30)
    assert help_request.participant.first_name == "Kari"

    # When it is matched, started, paused, resumed and closed
    assignment = services.assign_volunteer(
        help_request=help_request,
        volunteer=volunteer,
        actor=coordinator,
        reason="Speaks Arabic",
        at=at(25),
    )
    steps = [("active", 20), ("paused", 10), ("active", 5), ("closed", 1)]
    for status, days_ago in steps:
        help_request = services.help_request_change_status(
            actor=coordinator, help_request=help_request, status=status, at=at(days_ago)
        )

    # Then every step has its date, and closing ended the assignment
    help_request.refresh_from_db()
    assert help_request.status == "closed"
    assert help_request.matched_at == at(25)
    assert help_request.activated_at == at(5)  # when it last became active
    assert help_request.paused_at == at(10)
    assert help_request.closed_at == at(1)
    assignment.refresh_from_db()
    assert assignment.started_on == timezone.localdate(at(25))
    assert assignment.ended_on == timezone.localdate(at(1))
    assert assignment.match_reason == "Speaks Arabic"
    events = list(
        AuditEvent.objects.filter(subject_type="help_request", subject_id=str(help_request.pk))
        .order_by("id")
        .values_list("code", "params")
    )
    changed = "help_request.status_changed"
    assert events == [
        (
            "help_request.created",
            {"type": help_request.request_type.pk, "type_name": help_request.request_type.name},
        ),
        (
            "help_request.volunteer_assigned",
            {"volunteer": volunteer.pk, "previous": "new", "status": "matched"},
        ),
        (changed, {"previous": "matched", "status": "active"}),
        (changed, {"previous": "active", "status": "paused"}),
        (changed, {"previous": "paused", "status": "active"}),
        (changed, {"previous": "active", "status": "closed"}),
    ]


@pytest.mark.parametrize(
    ("start", "target", "message"),
    [
        ("new", "active", "A request that is “New” cannot become “Active”."),
        ("new", "paused", "A request that is “New” cannot become “Paused”."),
        ("new", "matched", "A request becomes matched when you assign a volunteer to it."),
        ("matched", "paused", "A request that is “Matched” cannot become “Paused”."),
        ("active", "matched", "A request becomes matched when you assign a volunteer to it."),
        ("active", "active", "The request is already “Active”."),
        ("closed", "active", "The request is closed. Reopen it first, then change its status."),
        ("closed", "new", "The request is closed. Reopen it first, then change its status."),
        ("closed", "closed", "The request is already “Closed”."),
        ("paused", "new", "A request that is “Paused” cannot become “New”."),
    ],
)
def test_impossible_transitions_are_refused(make, coordinator, start, target, message):
    help_request = make.help_request(status=start)
    make.current_assignment(help_request, make.volunteer())

    with pytest.raises(ApplicationError) as refused:
        services.help_request_change_status(
            actor=coordinator, help_request=help_request, status=target
        )

    assert refused.value.message == message
    assert refused.value.field == "status"
    help_request.refresh_from_db()
    assert help_request.status == start
    assert (help_request.matched_at, help_request.activated_at) == (None, None)
    assert (help_request.paused_at, help_request.closed_at) == (None, None)


def test_any_open_status_can_be_closed(make, coordinator):
    for start in ("new", "matched", "active", "paused"):
        help_request = make.help_request(status=start)
        closed = services.help_request_change_status(
            actor=coordinator, help_request=help_request, status="closed"
        )
        assert closed.status == "closed"
        assert closed.closed_at is not None


def test_a_closed_request_is_reopened_as_new_and_audited(make, coordinator, centre, audit_events):
    # Given a request closed while Ada helped with it
    help_request = make.help_request(status="matched")
    assignment = make.current_assignment(help_request, make.volunteer("Ada"))
    services.help_request_change_status(
        actor=coordinator, help_request=help_request, status="closed"
    )

    # When a coordinator reopens it
    reopened = services.help_request_reopen(actor=coordinator, help_request=help_request)

    # Then it waits for a volunteer again; Ada's ended assignment stays ended
    reopened.refresh_from_db()
    assert (reopened.status, reopened.closed_at) == ("new", None)
    assignment.refresh_from_db()
    assert assignment.ended_on is not None
    # and the reopening is in the audit log, by the coordinator
    events = audit_events(subject_type="help_request", subject_id=str(help_request.pk))
    assert events[-1] == ("updated", "help_request", str(help_request.pk), coordinator.pk)
    assert len(events) == 2  # closed, reopened


@pytest.mark.parametrize("start", ["new", "matched", "active", "paused"])
def test_only_a_closed_request_can_be_reopened(make, coordinator, start):
    help_request = make.help_request(status=start)

    with pytest.raises(ApplicationError) as refused:
        services.help_request_reopen(actor=coordinator, help_request=help_request)

    assert refused.value.field == "status"
    assert "Only a closed request can be reopened" in refused.value.message
    help_request.refresh_from_db()
    assert help_request.status == start


def test_help_cannot_start_without_a_volunteer(make, coordinator):
    help_request = make.help_request()
    assignment = services.assign_volunteer(
        help_request=help_request, volunteer=make.volunteer(), actor=coordinator
    )
    services.end_assignment(assignment=assignment, actor=coordinator)

    with pytest.raises(ApplicationError, match=r"Assign a volunteer before the help starts\."):
        services.help_request_change_status(
            actor=coordinator, help_request=help_request, status="active"
        )
    help_request.refresh_from_db()
    assert help_request.status == "matched"


def test_assignment_refuses_a_volunteer_without_a_valid_certificate(make, coordinator):
    help_request = make.help_request(requires_certificate=True)
    never_shown = make.volunteer("Nora")
    expired = make.volunteer("Emil")
    today = timezone.localdate()
    PoliceCertificateRecord.objects.create(
        volunteer=expired,
        kind="politiattest",
        seen_on=today - datetime.timedelta(days=1200),
        seen_by_label="Cora",
        renew_by=today - datetime.timedelta(days=1),
    )

    for volunteer in (never_shown, expired):
        with pytest.raises(ApplicationError) as refused:
            services.assign_volunteer(
                help_request=help_request, volunteer=volunteer, actor=coordinator
            )
        assert refused.value.field == "volunteer"
        assert refused.value.message == (
            f"This request requires a police certificate, and {volunteer.full_name} has no "
            "valid one. Record the certificate first."
        )
    assert not Assignment.objects.filter(help_request=help_request).exists()
    help_request.refresh_from_db()
    assert help_request.status == "new"

    certified = make.volunteer("Cecilie", certificate=True)
    assignment = services.assign_volunteer(
        help_request=help_request, volunteer=certified, actor=coordinator
    )
    assert assignment.volunteer == certified


@pytest.mark.parametrize(
    ("status", "message"),
    [
        ("paused", "Pia Volunteer has paused volunteering and cannot be assigned."),
        ("ended", "Pia Volunteer no longer volunteers here and cannot be assigned."),
    ],
)
def test_assignment_refuses_paused_and_ended_volunteers(make, coordinator, status, message):
    help_request = make.help_request()
    with pytest.raises(ApplicationError, match=message):
        services.assign_volunteer(
            help_request=help_request,
            volunteer=make.volunteer("Pia", status=status),
            actor=coordinator,
        )
    assert not Assignment.objects.filter(help_request=help_request).exists()


def test_a_new_volunteer_replaces_the_current_one_and_the_request_is_matched_again(
    make, coordinator
):
    help_request = make.help_request()
    first = services.assign_volunteer(
        help_request=help_request, volunteer=make.volunteer("First"), actor=coordinator
    )
    services.help_request_change_status(
        actor=coordinator, help_request=help_request, status="active"
    )

    second = services.assign_volunteer(
        help_request=help_request, volunteer=make.volunteer("Second"), actor=coordinator
    )

    first.refresh_from_db()
    assert first.ended_on == timezone.localdate()
    assert second.ended_on is None
    assert list(help_request.assignments.filter(ended_on__isnull=True)) == [second]
    help_request.refresh_from_db()
    assert help_request.status == "matched"


def test_the_same_volunteer_is_not_assigned_twice(make, coordinator):
    help_request = make.help_request()
    volunteer = make.volunteer("Same")
    services.assign_volunteer(help_request=help_request, volunteer=volunteer, actor=coordinator)
    with pytest.raises(ApplicationError, match="already helps with this request"):
        services.assign_volunteer(help_request=help_request, volunteer=volunteer, actor=coordinator)
    assert help_request.assignments.count() == 1


def test_nobody_is_assigned_to_a_closed_request(make, coordinator):
    help_request = make.help_request(status="closed")
    with pytest.raises(ApplicationError, match="The request is closed"):
        services.assign_volunteer(
            help_request=help_request, volunteer=make.volunteer(), actor=coordinator
        )
    assert not help_request.assignments.exists()


def test_an_assignment_cannot_end_twice_or_before_it_started(make, coordinator):
    assignment = make.current_assignment(make.help_request(), make.volunteer())
    with pytest.raises(ApplicationError, match="cannot end before it started"):
        services.end_assignment(
            assignment=assignment,
            actor=coordinator,
            ended_on=assignment.started_on - datetime.timedelta(days=1),
        )
    services.end_assignment(assignment=assignment, actor=coordinator)
    with pytest.raises(ApplicationError, match="already ended"):
        services.end_assignment(assignment=assignment, actor=coordinator)


def test_bad_intake_saves_nothing(make, coordinator):
    participants, requests = Participant.objects.count(), HelpRequest.objects.count()
    request_type = make.request_type()
    retired = make.request_type(code="retired", name="Retired")
    retired.is_active = False
    retired.save()

    cases = [
        (
            {"new_participant": services.NewParticipant(first_name="  ")},
            "first_name",
            "Enter the first name of the person who needs help.",
        ),
        (
            {
                "participant": make.participant(),
                "new_participant": services.NewParticipant(first_name="Both"),
            },
            "participant",
            "Choose the person who needs help, or enter a new one — not both.",
        ),
        (
            {
                "request_type": retired,
                "new_participant": services.NewParticipant(first_name="Kari"),
            },
            "request_type",
            "“Retired” is no longer in use; choose another type of help.",
        ),
        (
            {
                "new_participant": services.NewParticipant(first_name="Kari"),
                "languages": ["nb", "xx"],
            },
            "languages",
            "Unknown language: xx.",
        ),
        (
            {"new_participant": services.NewParticipant(first_name="Kari", phone="1" * 31)},
            "phone",
            "Keep this under 30 characters.",
        ),
    ]
    participants = Participant.objects.count()
    for arguments, field, message in cases:
        with pytest.raises(ApplicationError) as refused:
            services.help_request_create(
                actor=coordinator, **{"request_type": request_type, **arguments}
            )
        assert (refused.value.field, refused.value.message) == (field, message)

    assert Participant.objects.count() == participants
    assert HelpRequest.objects.count() == requests
    assert not AuditEvent.objects.filter(action="created").exists()


def test_a_request_takes_the_participants_area_unless_told_otherwise(make, coordinator):
    home = make.area("Sentrum")
    participant = make.participant(area=home)
    help_request = services.help_request_create(
        actor=coordinator, request_type=make.request_type(), participant=participant
    )
    assert help_request.area == home


def test_requiring_a_certificate_is_refused_while_an_uncertified_volunteer_helps(make, coordinator):
    help_request = make.help_request()
    services.assign_volunteer(
        help_request=help_request, volunteer=make.volunteer("Uma"), actor=coordinator
    )
    with pytest.raises(ApplicationError) as refused:
        services.help_request_update(
            actor=coordinator,
            help_request=help_request,
            request_type=help_request.request_type,
            requires_certificate=True,
        )
    assert refused.value.field == "requires_certificate"
    help_request.refresh_from_db()
    assert help_request.requires_certificate is False


def test_follow_up_notes_carry_their_author_and_refuse_blank_text(make, coordinator):
    help_request = make.help_request()
    with pytest.raises(ApplicationError, match=r"Write the note first\."):
        services.follow_up_note_add(help_request=help_request, actor=coordinator, text="   ")

    note = services.follow_up_note_add(
        help_request=help_request, actor=coordinator, text="  Called, all is well.  "
    )

    assert note.text == "Called, all is well."
    assert note.author_label == "Cora Coordinator"
    assert note.author_user_id == coordinator.pk
    assert FollowUpNote.objects.filter(help_request=help_request).count() == 1


def test_request_types_get_a_code_and_go_last(make):
    make.request_type("transport", "Transport")
    highest = max(RequestType.objects.values_list("position", flat=True))
    created = services.request_type_create(name="Homework help")
    assert (created.code, created.position) == ("homework-help", highest + 1)
    with pytest.raises(ApplicationError, match="already has a type of help with this code"):
        services.request_type_create(name="Homework Help")
