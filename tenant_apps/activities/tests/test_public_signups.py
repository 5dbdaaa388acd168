"""Signing up for a session on the centre's public site: places, the waiting list, the
e-mails, what staff see and export, and places that hold when many sign up at once."""

from __future__ import annotations

import io
import threading
from datetime import timedelta
from functools import partial

import pytest
from django.conf import settings
from django_tenants.utils import schema_context
from openpyxl import load_workbook

from tenant_apps.activities import services
from tenant_apps.activities.models import Activity, Session, SessionSignup
from tenant_apps.activities.tests.factories import make_activity, make_session, today
from tests.plugin import host_client, in_english, in_thread, run_in_threads


@pytest.fixture
def visitor(centre_client):
    return in_english(centre_client)


@pytest.fixture
def session(centre):
    with schema_context(centre.schema_name):
        activity = make_activity(name="Walking group", takes_signups=True, signup_places=2)
        return make_session(activity)


def form(**changes) -> dict:
    data = {"name": "Petter Gå", "email": "petter@example.org", "phone": "", "consent": "on"}
    data.update(changes)
    return data


def stored(centre, session) -> list[tuple[str, str]]:
    with schema_context(centre.schema_name):
        return list(
            SessionSignup.objects.filter(session=session)
            .order_by("created_at", "id")
            .values_list("email", "status")
        )


def test_the_list_shows_only_public_running_activities_that_take_sign_ups(centre, visitor, session):
    with schema_context(centre.schema_name):
        make_session(make_activity(name="Staff-only choir"))
        make_session(
            make_activity(name="Hidden hike", takes_signups=True, signup_places=3, is_public=False)
        )

    text = visitor.get("/sign-up/").text

    assert "Walking group" in text
    assert f'href="/sign-up/{session.pk}/"' in text
    assert "2 places left" in text
    assert "Staff-only choir" not in text and "Hidden hike" not in text
    assert 'href="/sign-up/"' in visitor.get("/").text  # on the public menu


def test_a_session_of_an_activity_without_sign_ups_has_no_form(centre, visitor):
    with schema_context(centre.schema_name):
        other = make_session(make_activity(name="Choir"))

    assert visitor.get(f"/sign-up/{other.pk}/").status_code == 404


def test_places_fill_then_the_waiting_list_each_with_an_e_mail_to_the_person_only(
    centre, visitor, session, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for name in ("anna", "bjorn", "cato"):
            response = visitor.post(
                f"/sign-up/{session.pk}/", form(name=name.title(), email=f"{name}@example.org")
            )
            assert (response.status_code, response["Location"]) == (302, "/sign-up/thanks/")

    assert stored(centre, session) == [
        ("anna@example.org", "confirmed"),
        ("bjorn@example.org", "confirmed"),
        ("cato@example.org", "waiting"),
    ]
    assert [message.to for message in mailoutbox] == [
        ["anna@example.org"],
        ["bjorn@example.org"],
        ["cato@example.org"],
    ]
    assert "You are signed up" in mailoutbox[0].subject
    assert "On the waiting list" in mailoutbox[2].subject
    assert "full: waiting list" in visitor.get("/sign-up/").text


def test_signing_up_again_keeps_the_first_place_and_answers_the_same(centre, visitor, session):
    first = visitor.post(f"/sign-up/{session.pk}/", form())
    again = visitor.post(f"/sign-up/{session.pk}/", form(email="PETTER@example.org"))

    assert first["Location"] == again["Location"] == "/sign-up/thanks/"
    assert stored(centre, session) == [("petter@example.org", "confirmed")]


def test_bad_input_keeps_what_was_typed(centre, visitor, session):
    response = visitor.post(f"/sign-up/{session.pk}/", form(email="nope", consent=""))

    assert response.status_code == 400
    assert 'value="Petter Gå"' in response.text and 'value="nope"' in response.text
    assert "Tick the box to agree" in response.text
    assert stored(centre, session) == []


def test_posts_past_the_rate_limit_are_refused(centre, visitor, session):
    for number in range(5):
        visitor.post(f"/sign-up/{session.pk}/", form(email=f"p{number}@example.org"))

    response = visitor.post(f"/sign-up/{session.pk}/", form(email="late@example.org"))

    assert response.status_code == 429
    assert len(stored(centre, session)) == 5


def test_a_second_visitor_sees_counts_never_names(centre, visitor, session):
    visitor.post(f"/sign-up/{session.pk}/", form())
    second = in_english(host_client(f"{centre.slug}.{settings.PLATFORM_DOMAIN}"))

    for url in ("/sign-up/", f"/sign-up/{session.pk}/", "/sign-up/thanks/"):
        text = second.get(url).text
        assert "Petter" not in text and "petter@example.org" not in text
    assert "1 place left" in second.get("/sign-up/").text


def test_a_cancelled_or_started_session_takes_no_sign_ups(centre, visitor):
    with schema_context(centre.schema_name):
        activity = make_activity(takes_signups=True, signup_places=5, first_date=today())
        cancelled = make_session(activity, day=today() + timedelta(days=2), is_cancelled=True)
        past = make_session(activity, day=today() - timedelta(days=1))

    assert visitor.get(f"/sign-up/{cancelled.pk}/").status_code == 404
    assert visitor.get(f"/sign-up/{past.pk}/").status_code == 404


# --- Staff ------------------------------------------------------------------------------


@pytest.fixture
def signed_up(centre, visitor, session):
    for name in ("anna", "bjorn", "cato"):
        visitor.post(
            f"/sign-up/{session.pk}/", form(name=name.title(), email=f"{name}@example.org")
        )
    return session


def test_staff_see_who_signed_up_for_a_session(coordinator_client, signed_up):
    text = coordinator_client.get(f"/activities/sessions/{signed_up.pk}/").text

    assert "Sign-ups from the public site" in text
    assert "2 of 2 places taken, 1 on the waiting list." in text
    assert "anna@example.org" in text and "cato@example.org" in text


def test_staff_export_the_list_and_the_download_is_audited(
    coordinator_client, coordinator, signed_up, audit_events
):
    response = coordinator_client.get(
        f"/activities/sessions/{signed_up.pk}/sign-ups.export?format=xlsx"
    )

    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][:4] == ["Name", "E-mail address", "Phone", "Status"]
    assert [row[1] for row in rows[1:]] == [
        "anna@example.org",
        "bjorn@example.org",
        "cato@example.org",
    ]
    assert [row[3] for row in rows[1:]] == ["Confirmed", "Confirmed", "On the waiting list"]
    csv = coordinator_client.get(f"/activities/sessions/{signed_up.pk}/sign-ups.export?format=csv")
    assert csv["Content-Type"].startswith("text/csv") and b"cato@example.org" in csv.content
    assert audit_events(code="session_signup.exported") == [
        ("viewed", "session_signup", "", coordinator.pk),
        ("viewed", "session_signup", "", coordinator.pk),
    ]


def test_taking_someone_off_moves_the_first_waiting_up_with_an_e_mail(
    centre,
    coordinator_client,
    coordinator,
    signed_up,
    mailoutbox,
    django_capture_on_commit_callbacks,
    audit_events,
):
    with schema_context(centre.schema_name):
        anna = SessionSignup.objects.get(session=signed_up, email="anna@example.org")
    url = f"/activities/sign-ups/{anna.pk}/remove/"
    assert "Take Anna off the list?" in coordinator_client.get(url).text

    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(url)

    assert response.status_code == 302
    assert stored(centre, signed_up) == [
        ("bjorn@example.org", "confirmed"),
        ("cato@example.org", "confirmed"),
    ]
    [message] = mailoutbox
    assert message.to == ["cato@example.org"] and "You have a place" in message.subject
    assert audit_events(code="session_signup.withdrawn") == [
        ("deleted", "session_signup", str(anna.pk), coordinator.pk)
    ]


def test_volunteers_do_not_see_the_sign_ups_or_export_them(volunteer_client, signed_up):
    assert (
        "anna@example.org" not in volunteer_client.get(f"/activities/sessions/{signed_up.pk}/").text
    )
    export = volunteer_client.get(f"/activities/sessions/{signed_up.pk}/sign-ups.export")
    assert export.status_code == 403


def test_an_activity_takes_sign_ups_only_with_places_and_on_the_public_pages(centre):
    from toolkit.errors import ApplicationError

    with schema_context(centre.schema_name):
        activity = make_activity()
        with pytest.raises(ApplicationError) as no_places:
            services.activity_update(activity=activity, data={"takes_signups": True})
        with pytest.raises(ApplicationError) as hidden:
            services.activity_update(
                activity=activity,
                data={"takes_signups": True, "signup_places": 4, "is_public": False},
            )
    assert no_places.value.field == "signup_places"
    assert hidden.value.field == "takes_signups"


# --- Many at once -----------------------------------------------------------------------

THREADS = 8
PLACES = 3


def test_parallel_sign_ups_fill_exactly_the_places_and_the_rest_wait(centre):
    def set_up():
        with schema_context(centre.schema_name):
            activity = make_activity(
                name="Race walk",
                takes_signups=True,
                signup_places=PLACES,
                first_date=today() + timedelta(days=3),
            )
            return activity.pk, make_session(activity).pk

    activity_id, session_id = in_thread(set_up)
    try:
        barrier = threading.Barrier(THREADS)

        def sign_up(number: int) -> str:
            with schema_context(centre.schema_name):
                session = Session.objects.get(pk=session_id)
                barrier.wait(timeout=30)
                return services.session_sign_up_public(
                    session=session,
                    name=f"Racer {number}",
                    email=f"racer{number}@example.org",
                    language="en",
                ).status

        results = run_in_threads(*(partial(sign_up, n) for n in range(THREADS)), timeout=60)

        assert sorted(results) == ["confirmed"] * PLACES + ["waiting"] * (THREADS - PLACES)

        def statuses():
            with schema_context(centre.schema_name):
                return list(
                    SessionSignup.objects.filter(session_id=session_id)
                    .order_by("created_at", "id")
                    .values_list("status", flat=True)
                )

        # The waiting list is in the order people signed up: the confirmed came first.
        assert in_thread(statuses) == ["confirmed"] * PLACES + ["waiting"] * (THREADS - PLACES)
    finally:

        def clean_up():
            with schema_context(centre.schema_name):
                Activity.objects.filter(pk=activity_id).delete()

        in_thread(clean_up)


def test_more_places_move_people_up_from_the_waiting_list_with_an_e_mail(
    centre, signed_up, mailoutbox, django_capture_on_commit_callbacks
):
    with schema_context(centre.schema_name):
        activity = Activity.objects.get(pk=signed_up.activity_id)
        with django_capture_on_commit_callbacks(execute=True):
            services.activity_update(activity=activity, data={"signup_places": 3})

    assert [status for _email, status in stored(centre, signed_up)] == ["confirmed"] * 3
    assert [message.to for message in mailoutbox] == [["cato@example.org"]]


def test_the_activity_page_shows_staff_how_full_each_session_is(coordinator_client, signed_up):
    text = coordinator_client.get(f"/activities/{signed_up.activity_id}/").text

    assert "2 places per session" in text
    assert "Signed up on the site: 2 of 2, 1 waiting." in text
