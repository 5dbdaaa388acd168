"""The API never answers 500 and never stores nonsense (issue 10, item 8): each of the five
causes schemathesis found, the bounds on input, JSON for every error, and the throttle.

Each test sends what an outsider (or a careless program) would send and checks what a client
of the API would see: the status, a JSON body, and that nothing was stored.
"""

from __future__ import annotations

import datetime
import json

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import RequestFactory, override_settings
from django.utils import timezone
from django_tenants.utils import schema_context

from config.error_views import server_error
from shared_apps.accounts import facade
from tenant_apps.activities.models import ActivityCategory, Attendance
from tenant_apps.activities.tests.factories import make_activity, make_session
from tenant_apps.helprequests.models import HelpRequest, RequestType
from tenant_apps.hours.models import HoursEntry
from tenant_apps.people.models import CentreSettings, Participant, Volunteer
from tests.factories import make_volunteer
from toolkit.api import JSON_DEPTH_MAX
from toolkit.bounds import COUNT_MAX, POSITION_MAX, TEXT_MAX

JSON = "application/json"


@pytest.fixture
def client_language():
    return "en"


@pytest.fixture
def api(centre_client, coordinator, centre):
    """A client of alpha sending a coordinator's token; `api.post(url, data)` sends JSON."""
    key = facade.api_token_create(
        user_id=coordinator.pk, centre_id=centre.pk, name="t", two_factor_passed=True
    ).key
    centre_client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {key}"
    centre_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    cache.clear()
    return centre_client


def post(client, url, data, method="post"):
    return getattr(client, method)(url, json.dumps(data), content_type=JSON)


def new_activity(**changes):
    today = timezone.localdate() + datetime.timedelta(days=3)
    values = {
        "name": "Repair café",
        "category": "lending-reuse",
        "recurrence": "monthly",
        "first_date": today.isoformat(),
        "start_time": "17:00",
        "end_time": "20:00",
    }
    values.update(changes)
    return values


# --- The five causes of a 500 ---------------------------------------------------------------


@pytest.mark.parametrize("kind", ["volunteers", "participants", "help-requests"])
def test_options_on_a_detail_endpoint_describes_it(api, centre, kind):
    with schema_context(centre.schema_name):
        volunteer = make_volunteer()
        participant = Participant.objects.create(first_name="Per")
        help_request = HelpRequest.objects.create(
            participant=participant,
            request_type=RequestType.objects.order_by("pk").first(),
            opened_at=timezone.now(),
        )
    pk = {"volunteers": volunteer.pk, "participants": participant.pk}.get(kind, help_request.pk)

    response = api.options(f"/api/v1/{kind}/{pk}/")

    assert response.status_code == 200
    assert response["Content-Type"] == JSON
    assert response.json()["parses"][0] == JSON


def test_a_nul_byte_in_a_slug_is_refused_not_a_crash(api, centre):
    response = post(api, "/api/v1/activities/", new_activity(category="lending\x00reuse"))

    assert response.status_code == 400
    assert response.json() == {"detail": "The JSON contains invisible control characters."}


@pytest.mark.parametrize("text", ["bell\x07", "nul\x00", "escape\x1b[31m", "c1\x85"])
def test_control_characters_are_refused_in_every_text(api, centre, text):
    for url, data in [
        ("/api/v1/activities/", new_activity(description=text)),
        ("/api/v1/volunteers/", {"first_name": text, "last_name": "Hansen"}),
        ("/api/v1/request-types/", {"name": text}),
        ("/api/v1/activities/", {**new_activity(), text: "as a key"}),
    ]:
        response = post(api, url, data)
        assert response.status_code == 400, url
    with schema_context(centre.schema_name):
        assert not Volunteer.objects.filter(last_name="Hansen").exists()


def test_tabs_and_line_breaks_are_kept(api, centre):
    response = post(api, "/api/v1/activities/", new_activity(description="One\tTwo\r\nThree"))

    assert response.status_code == 201
    assert response.json()["description"] == "One\tTwo\r\nThree"


def test_a_position_beyond_the_bound_is_refused_and_the_list_stays_usable(
    api, centre, coordinator_client
):
    too_far = post(api, "/api/v1/request-types/", {"name": "Far", "position": 32767})
    assert too_far.status_code == 400
    assert "position" in too_far.json()

    last = post(api, "/api/v1/request-types/", {"name": "Last", "position": POSITION_MAX})
    after = post(api, "/api/v1/request-types/", {"name": "After the last"})
    category = post(
        api,
        "/api/v1/activity-categories/",
        {"code": "last", "name_nb": "S", "name_da": "S", "name_en": "S", "position": POSITION_MAX},
    )
    next_category = post(
        api,
        "/api/v1/activity-categories/",
        {"code": "after", "name_nb": "E", "name_da": "E", "name_en": "E"},
    )

    assert (last.status_code, after.status_code) == (201, 201)
    assert after.json()["position"] == POSITION_MAX
    assert (category.status_code, next_category.status_code) == (201, 201)
    assert next_category.json()["position"] == POSITION_MAX
    assert coordinator_client.get("/help/types/").status_code == 200


def test_the_database_refuses_a_position_beyond_the_bound(centre):
    from django.db import IntegrityError, transaction

    with schema_context(centre.schema_name), pytest.raises(IntegrityError), transaction.atomic():
        ActivityCategory.objects.create(
            code="x", name_nb="x", name_da="x", name_en="x", position=POSITION_MAX + 1
        )


def test_an_attendance_count_beyond_the_bound_is_refused(api, centre, stopped_clock):
    with schema_context(centre.schema_name):
        yesterday = stopped_clock.date() - datetime.timedelta(days=1)
        session = make_session(make_activity(first_date=yesterday))

    for count in [2**31, COUNT_MAX + 1]:
        response = post(
            api,
            "/api/v1/attendance/",
            {"session": session.pk, "rows": [{"age_band": "67_79", "count": count}]},
        )
        assert response.status_code == 400
        assert "rows" in response.json()
    with schema_context(centre.schema_name):
        assert not Attendance.objects.exists()


def test_json_nested_too_deeply_is_refused(api):
    deep = "[" * 10_000 + "]" * 10_000
    just_too_deep = "[" * (JSON_DEPTH_MAX + 1) + "]" * (JSON_DEPTH_MAX + 1)

    for body in (deep, just_too_deep):
        response = api.post("/api/v1/activities/", body, content_type=JSON)
        assert response.status_code == 400
        assert response.json() == {
            "detail": f"The JSON is nested more than {JSON_DEPTH_MAX} levels deep."
        }


# --- JSON for every error -------------------------------------------------------------------


def test_a_body_above_the_upload_limit_answers_413_in_json(api):
    body = json.dumps(new_activity(description="x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)))

    response = api.post("/api/v1/activities/", body, content_type=JSON)

    assert response.status_code == 413
    assert response.json() == {"detail": "The request body is too large."}


def test_a_server_error_on_an_api_path_answers_json_and_a_page_elsewhere():
    factory = RequestFactory()

    api_error = server_error(factory.get("/api/v1/volunteers/"))
    page_error = server_error(factory.get("/people/"))

    assert api_error.status_code == 500
    assert json.loads(api_error.content) == {"detail": "Server error."}
    assert page_error.status_code == 500
    assert page_error["Content-Type"].startswith("text/html")


def test_an_unknown_api_address_answers_404_in_json(api):
    response = api.get("/api/v1/no-such-thing/")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_form_bodies_are_read_and_bounded_like_json(api):
    plain = api.post("/api/v1/request-types/", {"name": "Choir practice"})
    with_bell = api.post("/api/v1/request-types/", {"name": "Shop\x07ping"})
    encoded = api.post(
        "/api/v1/request-types/",
        "name=Shop%07ping",
        content_type="application/x-www-form-urlencoded",
    )
    unknown = api.post("/api/v1/request-types/", "<name/>", content_type="application/xml")

    assert plain.status_code == 201
    assert with_bell.status_code == encoded.status_code == 400
    assert encoded.json() == {"detail": "The form data contains invisible control characters."}
    assert unknown.status_code == 415


# --- Times and dates ------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["17:00+02:00", "17:00Z", "17:00:00-0100"])
def test_a_time_with_an_offset_is_refused_not_dropped(api, value):
    response = post(api, "/api/v1/activities/", new_activity(start_time=value))

    assert response.status_code == 400
    assert response.json()["start_time"] == [
        "Give the local time without a time zone (for example 18:00); times are in the "
        "centre's own time zone."
    ]


def test_implausible_dates_are_refused_everywhere(api, centre, stopped_clock):
    today = stopped_clock.date()
    with schema_context(centre.schema_name):
        volunteer = make_volunteer()
        category = ActivityCategory.objects.order_by("pk").first()

    year_one = post(api, "/api/v1/activities/", new_activity(first_date="0001-01-01"))
    far_ahead = post(api, "/api/v1/activities/", new_activity(first_date="2206-01-01"))
    old_hours = post(
        api,
        "/api/v1/hours/",
        {"volunteer": volunteer.pk, "category": category.pk, "date": "0001-01-01", "hours": "2"},
    )
    far_start = post(
        api,
        "/api/v1/volunteers/",
        {"first_name": "Ida", "last_name": "Berg", "start_date": "2999-01-01"},
    )

    assert year_one.status_code == far_ahead.status_code == 400
    assert set(year_one.json()) == {"first_date"}
    assert old_hours.status_code == 400
    assert set(old_hours.json()) == {"date"}
    assert far_start.status_code == 400
    assert set(far_start.json()) == {"start_date"}
    with schema_context(centre.schema_name):
        assert not HoursEntry.objects.exists()
    # Within the window all is well.
    within = post(api, "/api/v1/activities/", new_activity(first_date=str(today)))
    assert within.status_code == 201


def test_the_window_of_dates_is_the_centre_s_setting(api, centre, stopped_clock):
    three_years_ago = (stopped_clock.date() - datetime.timedelta(days=3 * 366)).isoformat()
    assert (
        post(api, "/api/v1/activities/", new_activity(first_date=three_years_ago)).status_code
        == 201
    )
    with schema_context(centre.schema_name):
        CentreSettings.objects.update(date_window_years_back=2)

    response = post(api, "/api/v1/activities/", new_activity(first_date=three_years_ago))

    assert response.status_code == 400
    assert set(response.json()) == {"first_date"}


def test_texts_have_a_length_limit(api, centre):
    response = post(api, "/api/v1/activities/", new_activity(description="x" * 2_000_000))
    just_fits = post(api, "/api/v1/activities/", new_activity(description="x" * TEXT_MAX))

    assert response.status_code == 400
    assert set(response.json()) == {"description"}
    assert just_fits.status_code == 201


# --- Throttling -------------------------------------------------------------------------------


def test_a_token_past_its_rate_gets_429_with_retry_after(api):
    rates = {"token": "3/minute", "address": "100/minute"}
    with override_settings(
        REST_FRAMEWORK={**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    ):
        answers = [api.get("/api/v1/me/") for _ in range(4)]

    assert [answer.status_code for answer in answers] == [200, 200, 200, 429]
    assert 0 < int(answers[-1]["Retry-After"]) <= 60
    assert answers[-1].json()["detail"].startswith("Request was throttled.")


def test_an_address_past_its_rate_gets_429_whatever_the_token(
    centre_client, coordinator, centre_admin, centre
):
    keys = [
        facade.api_token_create(
            user_id=user.pk, centre_id=centre.pk, name="t", two_factor_passed=True
        ).key
        for user in (coordinator, centre_admin, coordinator)
    ]
    cache.clear()
    rates = {"token": "100/minute", "address": "2/minute"}
    with override_settings(
        REST_FRAMEWORK={**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    ):
        answers = [
            centre_client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Bearer {key}") for key in keys
        ]

    assert [answer.status_code for answer in answers] == [200, 200, 429]
    assert "Retry-After" in answers[-1]


def test_throttle_counts_are_kept_per_centre(api, other_centre_client, other_centre, member_of):
    other = member_of(other_centre, "coordinator")
    other_key = facade.api_token_create(
        user_id=other.pk, centre_id=other_centre.pk, name="t", two_factor_passed=True
    ).key
    rates = {"token": "100/minute", "address": "2/minute"}
    with override_settings(
        REST_FRAMEWORK={**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    ):
        alpha = [api.get("/api/v1/me/").status_code for _ in range(3)]
        beta = other_centre_client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Bearer {other_key}")

    assert alpha == [200, 200, 429]
    assert beta.status_code == 200


# --- The schema documents the errors ----------------------------------------------------------


def test_every_operation_documents_its_error_responses(api):
    schema = api.get("/api/v1/schema/?format=json").json()

    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            documented = set(operation["responses"])
            assert {"400", "401", "403", "404", "429"} <= documented, (method, path)
            assert "Retry-After" in operation["responses"]["429"]["headers"]
    attendance = schema["paths"]["/api/v1/attendance/"]["post"]["responses"]["200"]
    assert attendance["content"][JSON]["schema"]["type"] == "array"
