"""The help request pages: coordinators take, match and follow up; volunteers see only the
requests they help with, without notes and with little of the person."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django_tenants.utils import schema_context

from tenant_apps.helprequests.models import Assignment, FollowUpNote, HelpRequest, RequestType
from tenant_apps.people.models import Participant, PartOfDay, Weekday


def data_queries(captured) -> int:
    return len([q for q in captured.captured_queries if not q["sql"].startswith("SET ")])


@pytest.fixture
def request_with_people(centre, make):
    """A visiting-friend request in Sentrum, an Arabic speaker who fits, and a note."""
    with schema_context(centre.schema_name):
        sentrum = make.area("Sentrum")
        participant = make.participant(
            "Kari", "Hemmeligsen", phone="41234567", address="Storgata 1", area=sentrum
        )
        help_request = make.help_request(
            participant=participant, area=sentrum, languages=["ar"], description="Coffee weekly"
        )
        amira = make.volunteer(
            "Amira",
            "Haddad",
            languages=["ar"],
            areas=["Sentrum"],
            slots=[(Weekday.TUESDAY, PartOfDay.AFTERNOON)],
        )
        FollowUpNote.objects.create(
            help_request=help_request, text="NoteForCoordinatorsOnly", author_label="Cora"
        )
    return help_request, amira


@pytest.mark.parametrize(
    "url", ["/help/", "/help/new/", "/help/types/", "/help/1/", "/help/1/edit/"]
)
def test_volunteers_get_403_on_the_coordinator_pages(volunteer_client, url):
    assert volunteer_client.get(url).status_code == 403


@pytest.mark.parametrize(
    "url",
    ["/help/1/status/", "/help/1/assign/", "/help/1/notes/", "/help/1/close/", "/help/1/reopen/"],
)
def test_volunteers_cannot_post_to_the_coordinator_actions(
    volunteer_client, centre, request_with_people, url
):
    help_request, _amira = request_with_people
    url = url.replace("/1/", f"/{help_request.pk}/")
    response = volunteer_client.post(url, {"status": "closed", "text": "x", "volunteer": 1})
    assert response.status_code == 403
    with schema_context(centre.schema_name):
        assert FollowUpNote.objects.filter(help_request=help_request).count() == 1
        help_request.refresh_from_db()
        assert help_request.status == "new"


def test_the_detail_page_ranks_suggestions_with_reasons_and_is_audited(
    coordinator_client, coordinator, centre, request_with_people, audit_events
):
    help_request, amira = request_with_people

    response = coordinator_client.get(f"/help/{help_request.pk}/")

    assert response.status_code == 200
    text = response.text
    assert "Kari Hemmeligsen" in text and "41234567" in text
    assert "NoteForCoordinatorsOnly" in text
    suggestions = re.search(r'<ol class="help-suggestions">.*?</ol>', text, re.S).group(0)
    assert "Amira Haddad" in suggestions
    for reason in ("Speaks Arabic", "Covers Sentrum", "Free on Tuesday afternoons"):
        assert f"<li>{reason}</li>" in suggestions
    assert f'name="volunteer" value="{amira.pk}"' in suggestions
    assert audit_events(centre, action="viewed", subject_id=str(help_request.pk)) == [
        ("viewed", "help_request", str(help_request.pk), coordinator.pk)
    ]


def test_assigning_from_a_suggestion_matches_the_request(
    coordinator_client, centre, request_with_people
):
    help_request, amira = request_with_people

    response = coordinator_client.post(
        f"/help/{help_request.pk}/assign/",
        {"volunteer": amira.pk, "reason": "Speaks Arabic; Covers Sentrum"},
        follow=True,
    )

    assert "Amira Haddad now helps with this request." in response.text
    with schema_context(centre.schema_name):
        assignment = Assignment.objects.get(help_request=help_request)
        assert (assignment.volunteer_id, assignment.ended_on) == (amira.pk, None)
        assert assignment.match_reason == "Speaks Arabic; Covers Sentrum"
        help_request.refresh_from_db()
        assert help_request.status == "matched"
        assert help_request.matched_at is not None


def test_an_impossible_status_change_is_explained(coordinator_client, centre, request_with_people):
    help_request, _amira = request_with_people
    response = coordinator_client.post(
        f"/help/{help_request.pk}/status/", {"status": "paused"}, follow=True
    )
    assert "A request that is “New” cannot become “Paused”." in response.text
    with schema_context(centre.schema_name):
        help_request.refresh_from_db()
        assert help_request.status == "new"


def test_the_status_buttons_follow_the_lifecycle(coordinator_client, centre, request_with_people):
    help_request, amira = request_with_people
    coordinator_client.post(f"/help/{help_request.pk}/assign/", {"volunteer": amira.pk})

    text = coordinator_client.get(f"/help/{help_request.pk}/").text
    buttons = re.findall(r'name="status" value="(\w+)"', text)
    assert buttons == ["active"]  # closing goes through its confirmation page
    assert f'href="/help/{help_request.pk}/close/"' in text

    coordinator_client.post(f"/help/{help_request.pk}/status/", {"status": "active"})
    text = coordinator_client.get(f"/help/{help_request.pk}/").text
    assert re.findall(r'name="status" value="(\w+)"', text) == ["paused"]
    assert f'href="/help/{help_request.pk}/close/"' in text
    assert "Active since" in text


def test_closing_asks_first_and_says_whose_help_ends(
    coordinator_client, centre, request_with_people
):
    help_request, amira = request_with_people
    coordinator_client.post(f"/help/{help_request.pk}/assign/", {"volunteer": amira.pk})

    # A one-click POST of "closed" (an old page, a script) only leads to the confirmation
    response = coordinator_client.post(f"/help/{help_request.pk}/status/", {"status": "closed"})
    assert response["Location"] == f"/help/{help_request.pk}/close/"
    confirmation = coordinator_client.get(response["Location"])
    assert "Amira Haddad helps with this request now." in confirmation.text
    with schema_context(centre.schema_name):
        help_request.refresh_from_db()
        assert help_request.status == "matched"

    # Confirming closes it and ends Amira's help
    closed = coordinator_client.post(f"/help/{help_request.pk}/close/", follow=True)
    assert "The request is closed." in closed.text
    assert "Reopen the request" in closed.text
    with schema_context(centre.schema_name):
        help_request.refresh_from_db()
        assert help_request.status == "closed"
        assert Assignment.objects.get(help_request=help_request).ended_on is not None


def test_staff_reopen_a_closed_request(
    coordinator_client, coordinator, centre, request_with_people, audit_events
):
    help_request, _amira = request_with_people
    coordinator_client.post(f"/help/{help_request.pk}/close/")

    response = coordinator_client.post(f"/help/{help_request.pk}/reopen/", follow=True)

    assert "The request is open again." in response.text
    assert f'href="/help/{help_request.pk}/close/"' in response.text
    with schema_context(centre.schema_name):
        help_request.refresh_from_db()
        assert (help_request.status, help_request.closed_at) == ("new", None)
    updates = audit_events(action="updated", subject_id=str(help_request.pk))
    assert updates[-1] == ("updated", "help_request", str(help_request.pk), coordinator.pk)


def test_replacing_the_volunteer_says_who_is_removed_and_asks_first(
    coordinator_client, centre, request_with_people, make
):
    help_request, amira = request_with_people
    with schema_context(centre.schema_name):
        bodil = make.volunteer("Bodil", "Berg")
    coordinator_client.post(f"/help/{help_request.pk}/assign/", {"volunteer": amira.pk})

    # When a coordinator picks Bodil while Amira helps
    response = coordinator_client.post(
        f"/help/{help_request.pk}/assign/", {"volunteer": bodil.pk, "reason": "Covers Sentrum"}
    )

    # Then the page names Amira as the one removed and changes nothing yet
    assert response.status_code == 200
    assert "Amira Haddad helps with this request now." in response.text
    assert "Amira Haddad is removed from the request" in response.text
    assert 'name="confirm" value="on"' in response.text
    assert 'name="reason" value="Covers Sentrum"' in response.text
    with schema_context(centre.schema_name):
        current = Assignment.objects.get(help_request=help_request, ended_on__isnull=True)
        assert current.volunteer_id == amira.pk

    # When they confirm, Bodil helps and Amira's assignment has ended
    confirmed = coordinator_client.post(
        f"/help/{help_request.pk}/assign/",
        {"volunteer": bodil.pk, "reason": "Covers Sentrum", "confirm": "on"},
        follow=True,
    )
    assert "Bodil Berg now helps with this request." in confirmed.text
    with schema_context(centre.schema_name):
        current = Assignment.objects.get(help_request=help_request, ended_on__isnull=True)
        assert (current.volunteer_id, current.match_reason) == (bodil.pk, "Covers Sentrum")
        assert Assignment.objects.filter(help_request=help_request).count() == 2


def test_coordinators_add_follow_up_notes(coordinator_client, centre, request_with_people):
    help_request, _amira = request_with_people
    coordinator_client.post(f"/help/{help_request.pk}/notes/", {"text": "Called her today."})
    response = coordinator_client.post(
        f"/help/{help_request.pk}/notes/", {"text": "   "}, follow=True
    )
    assert "This field is required." in response.text
    with schema_context(centre.schema_name):
        texts = list(
            FollowUpNote.objects.filter(help_request=help_request).values_list("text", flat=True)
        )
    assert sorted(texts) == ["Called her today.", "NoteForCoordinatorsOnly"]


def test_volunteers_see_their_requests_without_notes_and_with_little_of_the_person(
    volunteer_client, volunteer, centre, make, request_with_people
):
    help_request, _amira = request_with_people
    with schema_context(centre.schema_name):
        me = make.volunteer("Vera", account_user_id=volunteer.pk)
        make.current_assignment(help_request, me)
        someone_elses = make.help_request(participant=make.participant("Other", "Person"))
        make.current_assignment(someone_elses, make.volunteer("Someone"))

    response = volunteer_client.get("/help/mine/")

    assert response.status_code == 200
    text = response.text
    assert "Kari" in text and "41234567" in text and "Sentrum" in text
    assert "Coffee weekly" in text
    assert "Hemmeligsen" not in text  # last name
    assert "Storgata" not in text  # address
    assert "NoteForCoordinatorsOnly" not in text
    assert "Other" not in text


def test_a_volunteer_without_a_profile_sees_an_explanation(volunteer_client):
    response = volunteer_client.get("/help/mine/")
    assert response.status_code == 200
    assert "not linked to a volunteer profile" in response.text


def test_intake_registers_a_new_person_and_the_request(coordinator_client, centre, make):
    with schema_context(centre.schema_name):
        request_type = make.request_type("transport", "Transport")
        sentrum = make.area("Sentrum")

    response = coordinator_client.post(
        "/help/new/",
        {
            "first_name": "Per",
            "phone": "90000000",
            "participant_area": sentrum.pk,
            "age_band": "80_plus",
            "request_type": request_type.pk,
            "description": "To the doctor on Fridays",
            "languages": ["nb", "ar"],
        },
    )

    with schema_context(centre.schema_name):
        help_request = HelpRequest.objects.get(participant__first_name="Per")
        assert response.status_code == 302
        assert response["Location"] == f"/help/{help_request.pk}/"
        assert (help_request.status, help_request.area, help_request.languages) == (
            "new",
            sentrum,
            ["nb", "ar"],
        )
        assert help_request.participant.age_band == "80_plus"
        assert help_request.participant.phone == "+4790000000"
    page = coordinator_client.get(response["Location"]).text
    assert '<a href="tel:+4790000000">90 00 00 00</a>' in page


def test_a_new_persons_phone_must_be_a_phone_number(coordinator_client, centre, make):
    with schema_context(centre.schema_name):
        request_type = make.request_type()

    response = coordinator_client.post(
        "/help/new/", {"first_name": "Per", "phone": "abc", "request_type": request_type.pk}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["phone"] == [
        "Enter a phone number, for example 912 34 567 or +45 20 12 34 56."
    ]
    with schema_context(centre.schema_name):
        assert not HelpRequest.objects.exists()


def test_bad_intake_input_saves_nothing_and_says_what_is_wrong(coordinator_client, centre, make):
    with schema_context(centre.schema_name):
        request_type = make.request_type()
        participants = Participant.objects.count()
        requests = HelpRequest.objects.count()

    response = coordinator_client.post(
        "/help/new/", {"last_name": "Only", "request_type": request_type.pk, "age_band": "x"}
    )

    assert response.status_code == 200
    assert "Enter the first name of the person who needs help" in response.text
    assert "Select a valid choice. x is not one of the available choices." in response.text
    assert 'aria-invalid="true"' in response.text
    assert re.search(r'aria-describedby="[^"]*id_first_name_error', response.text)
    with schema_context(centre.schema_name):
        assert Participant.objects.count() == participants
        assert HelpRequest.objects.count() == requests


def test_the_list_filters_by_status_and_paginates(coordinator_client, centre, make):
    with schema_context(centre.schema_name):
        for _ in range(27):
            make.help_request()
        make.help_request(status="closed", participant=make.participant("Closed", "One"))

    first = coordinator_client.get("/help/")
    second = coordinator_client.get("/help/?page=2")
    closed = coordinator_client.get("/help/?status=closed")

    assert first.status_code == 200
    assert "28 help requests" in first.text
    assert "Page 1 of 2" in first.text
    assert len(first.context["page"].object_list) == 25
    assert len(second.context["page"].object_list) == 3
    assert [r.participant.first_name for r in closed.context["page"].object_list] == ["Closed"]


def _list_queries(client, centre, make, count: int) -> int:
    with schema_context(centre.schema_name):
        for number in range(count):
            help_request = make.help_request(
                area=make.area(f"Area {number % 4}"),
                request_type=make.request_type(f"type-{number % 3}", f"Type {number % 3}"),
            )
            make.current_assignment(help_request, make.volunteer())
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/help/")
    assert response.status_code == 200
    return data_queries(captured)


def test_the_list_runs_the_same_number_of_queries_for_3_or_25_rows(
    coordinator_client, centre, make
):
    few = _list_queries(coordinator_client, centre, make, 3)
    many = _list_queries(coordinator_client, centre, make, 22)
    assert few == many


def test_request_types_are_added_and_renamed(coordinator_client, centre):
    response = coordinator_client.post("/help/types/", {"name": "Homework help"})
    assert response.status_code == 302
    with schema_context(centre.schema_name):
        created = RequestType.objects.get(code="homework-help")

    coordinator_client.post(
        f"/help/types/{created.pk}/", {"name": "Homework", "position": 3, "is_active": ""}
    )

    with schema_context(centre.schema_name):
        created.refresh_from_db()
    assert (created.name, created.position, created.is_active) == ("Homework", 3, False)
    page = coordinator_client.get("/help/types/").text
    assert "Homework" in page


@override_settings(TWO_FACTOR_REQUIRED=False)
def test_pages_carry_no_inline_script_or_style(coordinator_client, request_with_people):
    help_request, _amira = request_with_people
    for url in (
        "/help/",
        "/help/new/",
        "/help/types/",
        f"/help/{help_request.pk}/",
        f"/help/{help_request.pk}/edit/",
        "/help/mine/",
    ):
        response = coordinator_client.get(url)
        assert response.status_code == 200, url
        # Scripts come from files, with the page's nonce (the form pages load one)
        assert not re.search(r"<script(?![^>]* src=)", response.text), url
        assert not re.search(r"<script(?![^>]* nonce=)", response.text), url
        assert "style=" not in response.text, url


def test_editing_explains_why_a_certificate_cannot_be_required_yet(
    coordinator_client, centre, make, request_with_people
):
    help_request, amira = request_with_people
    coordinator_client.post(f"/help/{help_request.pk}/assign/", {"volunteer": amira.pk})

    response = coordinator_client.post(
        f"/help/{help_request.pk}/edit/",
        {
            "request_type": help_request.request_type.pk,
            "description": "Changed",
            "area": "",
            "languages": ["ar"],
            "requires_certificate": "on",
        },
    )

    assert response.status_code == 200
    assert "Nothing was saved." in response.text
    assert "Amira Haddad, who helps with this request now, has no valid police" in response.text
    with schema_context(centre.schema_name):
        help_request.refresh_from_db()
        assert (help_request.description, help_request.requires_certificate) == (
            "Coffee weekly",
            False,
        )


def test_ending_an_assignment_from_the_detail_page(coordinator_client, centre, request_with_people):
    help_request, amira = request_with_people
    coordinator_client.post(f"/help/{help_request.pk}/assign/", {"volunteer": amira.pk})
    with schema_context(centre.schema_name):
        assignment = Assignment.objects.get(help_request=help_request)

    response = coordinator_client.post(
        f"/help/{help_request.pk}/assignments/{assignment.pk}/end/", {"ended_on": ""}, follow=True
    )

    assert "The assignment has ended." in response.text
    assert "Nobody helps with this request now." in response.text
    assert "Earlier volunteers" in response.text
    with schema_context(centre.schema_name):
        assignment.refresh_from_db()
        assert assignment.ended_on == assignment.started_on
