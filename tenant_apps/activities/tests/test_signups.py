"""Signing up for shifts: places, the waiting list and its order, the police certificate,
past and cancelled sessions; attendance counts."""

from datetime import date, timedelta

import pytest

from tenant_apps.activities import services
from tenant_apps.activities.models import Attendance, ShiftSignup
from tenant_apps.activities.tests.factories import make_activity, make_session, make_shift, today
from tenant_apps.people.models import PoliceCertificateRecord
from tests.factories import make_volunteer
from toolkit.errors import ApplicationError


def statuses(shift):
    return list(
        ShiftSignup.objects.filter(shift=shift)
        .order_by("created_at", "id")
        .values_list("volunteer__first_name", "status")
    )


def test_places_are_confirmed_in_order_then_people_wait(in_centre):
    with in_centre():
        shift = make_shift(capacity=2)
        people = [make_volunteer(first_name=name) for name in ("Ada", "Bo", "Cy", "Di")]

        results = [services.shift_sign_up(shift=shift, volunteer=v).status for v in people]

        assert results == ["confirmed", "confirmed", "waiting", "waiting"]


def test_nobody_signs_up_twice(in_centre):
    with in_centre():
        shift = make_shift()
        volunteer = make_volunteer()
        services.shift_sign_up(shift=shift, volunteer=volunteer)
        with pytest.raises(ApplicationError, match="already signed up"):
            services.shift_sign_up(shift=shift, volunteer=volunteer)
        assert ShiftSignup.objects.filter(shift=shift).count() == 1


def test_one_shift_per_person_per_session(in_centre):
    with in_centre():
        host = make_shift(name="Host")
        kitchen = make_shift(host.session, name="Kitchen")
        volunteer = make_volunteer()
        services.shift_sign_up(shift=host, volunteer=volunteer)
        with pytest.raises(ApplicationError, match="another shift in this session"):
            services.shift_sign_up(shift=kitchen, volunteer=volunteer)


def test_withdrawal_moves_the_first_waiting_person_up_and_emails_them(
    in_centre, django_capture_on_commit_callbacks, mailoutbox
):
    with in_centre():
        shift = make_shift(capacity=1, name="Host")
        ada = make_volunteer(first_name="Ada", email="ada@example.org")
        bo = make_volunteer(first_name="Bo", email="bo@example.org", languages=["en"])
        cy = make_volunteer(first_name="Cy", email="cy@example.org")
        for volunteer in (ada, bo, cy):
            services.shift_sign_up(shift=shift, volunteer=volunteer)

        with django_capture_on_commit_callbacks(execute=True):
            moved = services.shift_withdraw(shift=shift, volunteer=ada)

        assert [signup.volunteer for signup in moved] == [bo]
        assert statuses(shift) == [("Bo", "confirmed"), ("Cy", "waiting")]
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["bo@example.org"]
    assert message.subject == (
        f"You have a place: {shift.session.activity.name} on {shift.session.date:%m/%d/%Y}"
    )
    assert "you have moved up from the waiting list" in message.body
    assert "Alpha Frivilligsentral" in message.body
    assert f"/activities/sessions/{shift.session_id}/" in message.body
    assert "alpha." in message.body


def test_the_moved_up_email_is_in_the_volunteers_language(
    in_centre, django_capture_on_commit_callbacks, mailoutbox
):
    with in_centre():
        shift = make_shift(capacity=1)
        first = make_volunteer()
        english = make_volunteer(email="en@example.org", languages=["en", "ar"])
        services.shift_sign_up(shift=shift, volunteer=first)
        services.shift_sign_up(shift=shift, volunteer=english)
        with django_capture_on_commit_callbacks(execute=True):
            services.shift_withdraw(shift=shift, volunteer=first)
    assert mailoutbox[0].subject.startswith("You have a place:")


def test_the_moved_up_email_defaults_to_the_centres_language(
    in_centre, django_capture_on_commit_callbacks, mailoutbox
):
    with in_centre():
        shift = make_shift(capacity=1)
        first = make_volunteer()
        norwegian = make_volunteer(email="nb@example.org")
        services.shift_sign_up(shift=shift, volunteer=first)
        services.shift_sign_up(shift=shift, volunteer=norwegian)
        with django_capture_on_commit_callbacks(execute=True):
            services.shift_withdraw(shift=shift, volunteer=first)
    assert mailoutbox[0].subject.startswith("Du har fått plass:")


def test_withdrawing_from_the_waiting_list_moves_nobody_up(
    in_centre, django_capture_on_commit_callbacks, mailoutbox
):
    with in_centre():
        shift = make_shift(capacity=1)
        ada, bo, cy = (make_volunteer(first_name=n) for n in ("Ada", "Bo", "Cy"))
        for volunteer in (ada, bo, cy):
            services.shift_sign_up(shift=shift, volunteer=volunteer)
        with django_capture_on_commit_callbacks(execute=True):
            assert services.shift_withdraw(shift=shift, volunteer=bo) == []
        assert statuses(shift) == [("Ada", "confirmed"), ("Cy", "waiting")]
    assert mailoutbox == []


def test_more_places_move_waiting_people_up_and_fewer_than_confirmed_is_refused(in_centre):
    with in_centre():
        shift = make_shift(capacity=1)
        people = [make_volunteer(first_name=n) for n in ("Ada", "Bo", "Cy")]
        for volunteer in people:
            services.shift_sign_up(shift=shift, volunteer=volunteer)

        services.shift_update(shift=shift, name="Host", capacity=2)
        assert statuses(shift) == [("Ada", "confirmed"), ("Bo", "confirmed"), ("Cy", "waiting")]

        with pytest.raises(ApplicationError) as error:
            services.shift_update(shift=shift, name="Host", capacity=1)
        assert error.value.field == "capacity"
        shift.refresh_from_db()
        assert shift.capacity == 2


# --- The police certificate ---------------------------------------------------------------


def certificate(volunteer, *, renew_by):
    return PoliceCertificateRecord.objects.create(
        volunteer=volunteer,
        kind="politiattest",
        seen_on=date(2024, 1, 1),
        seen_by_label="Cora Coordinator",
        renew_by=renew_by,
    )


def test_an_activity_that_requires_a_certificate_refuses_volunteers_without_one(in_centre):
    with in_centre():
        activity = make_activity(requires_certificate=True)
        shift = make_shift(make_session(activity))
        without = make_volunteer()
        expired = make_volunteer()
        certificate(expired, renew_by=activity.first_date - timedelta(days=1))

        for volunteer in (without, expired):
            with pytest.raises(ApplicationError) as error:
                services.shift_sign_up(shift=shift, volunteer=volunteer)
            assert error.value.field == "volunteer"
            assert "police certificate" in error.value.message
        assert not ShiftSignup.objects.filter(shift=shift).exists()


def test_a_valid_certificate_on_the_day_of_the_session_lets_the_volunteer_in(in_centre):
    with in_centre():
        activity = make_activity(requires_certificate=True)
        shift = make_shift(make_session(activity))
        volunteer = make_volunteer()
        certificate(volunteer, renew_by=activity.first_date)

        assert services.shift_sign_up(shift=shift, volunteer=volunteer).status == "confirmed"


def test_a_waiting_volunteer_whose_certificate_lapsed_is_passed_over(in_centre):
    with in_centre():
        activity = make_activity(requires_certificate=True)
        shift = make_shift(make_session(activity), capacity=1)
        ada, bo, cy = (make_volunteer(first_name=n) for n in ("Ada", "Bo", "Cy"))
        records = {v.pk: certificate(v, renew_by=date(2099, 1, 1)) for v in (ada, bo, cy)}
        for volunteer in (ada, bo, cy):
            services.shift_sign_up(shift=shift, volunteer=volunteer)
        PoliceCertificateRecord.objects.filter(pk=records[bo.pk].pk).update(
            renew_by=today() - timedelta(days=1)
        )

        services.shift_withdraw(shift=shift, volunteer=ada)

        assert statuses(shift) == [("Bo", "waiting"), ("Cy", "confirmed")]


# --- Past and cancelled sessions ----------------------------------------------------------


def test_past_sessions_are_refused(in_centre):
    with in_centre():
        activity = make_activity(first_date=today() - timedelta(days=7))
        shift = make_shift(make_session(activity, day=today() - timedelta(days=1)))
        with pytest.raises(ApplicationError, match="already started"):
            services.shift_sign_up(shift=shift, volunteer=make_volunteer())
        assert not ShiftSignup.objects.filter(shift=shift).exists()


def test_cancelled_sessions_are_refused(in_centre):
    with in_centre():
        shift = make_shift()
        services.session_cancel(session=shift.session)
        with pytest.raises(ApplicationError, match="cancelled"):
            services.shift_sign_up(shift=shift, volunteer=make_volunteer())
        assert not ShiftSignup.objects.filter(shift=shift).exists()


def test_volunteers_who_ended_cannot_sign_up(in_centre):
    with in_centre():
        shift = make_shift()
        with pytest.raises(ApplicationError) as error:
            services.shift_sign_up(shift=shift, volunteer=make_volunteer(status="ended"))
        assert error.value.field == "volunteer"


# --- Attendance ---------------------------------------------------------------------------


def past_session():
    activity = make_activity(first_date=today() - timedelta(days=14))
    return make_session(activity, day=today() - timedelta(days=1))


def counts(session):
    return set(
        Attendance.objects.filter(session=session).values_list("age_band", "target_group", "count")
    )


def test_attendance_replaces_the_sessions_counts(in_centre):
    with in_centre():
        session = past_session()
        services.attendance_record(
            session=session, rows=[("60_79", "seniors", 8), ("30_59", "", 3)]
        )
        services.attendance_record(
            session=session, rows=[("60_79", "seniors", 9), ("18_29", "immigrant_background", 0)]
        )
        assert counts(session) == {("60_79", "seniors", 9)}


@pytest.mark.parametrize(
    "rows",
    [
        [("60_79", "", 3), ("elderly", "", 1)],
        [("60_79", "pensioners", 3)],
        [("60_79", "", -1)],
        [("60_79", "", 3), ("60_79", "", 4)],
    ],
)
def test_bad_attendance_saves_nothing(in_centre, rows):
    with in_centre():
        session = past_session()
        services.attendance_record(session=session, rows=[("30_59", "", 5)])
        with pytest.raises(ApplicationError):
            services.attendance_record(session=session, rows=rows)
        assert counts(session) == {("30_59", "", 5)}


def test_attendance_waits_for_the_session_to_start(in_centre):
    with in_centre():
        session = make_session()
        with pytest.raises(ApplicationError, match="once the session has started"):
            services.attendance_record(session=session, rows=[("30_59", "", 5)])
