"""Suggested volunteers: ranked by fit, each with its reasons, in a fixed number of queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from tenant_apps.helprequests.matching import skill_fits
from tenant_apps.helprequests.models import RequestType
from tenant_apps.helprequests.provisioning import DEFAULT_REQUEST_TYPES
from tenant_apps.helprequests.selectors import suggested_volunteers
from tenant_apps.people.models import PartOfDay, Weekday
from tenant_apps.people.provisioning import DEFAULT_SKILLS

pytestmark = pytest.mark.usefixtures("in_centre")

TUESDAY_AFTERNOON = (Weekday.TUESDAY, PartOfDay.AFTERNOON)


def data_queries(captured) -> list[str]:
    """The queries that read or write data (django-tenants sets the search path per cursor)."""
    return [q["sql"] for q in captured.captured_queries if not q["sql"].startswith("SET ")]


def names(suggestions):
    return [suggestion.volunteer.first_name for suggestion in suggestions]


def test_the_arabic_speaker_in_the_right_area_who_is_free_ranks_first(make):
    # Given a visiting-friend request in Sentrum from someone who speaks Arabic
    sentrum = make.area("Sentrum")
    help_request = make.help_request(area=sentrum, languages=["ar"])
    make.volunteer("Amira", languages=["ar", "nb"], areas=["Sentrum"], slots=[TUESDAY_AFTERNOON])
    make.volunteer("Bjørn", languages=["nb"], areas=["Sentrum"], slots=[TUESDAY_AFTERNOON])
    make.volunteer("Carl", languages=["ar"], areas=["Nordbyen"])
    make.volunteer("Dina", languages=["ar"], areas=["Sentrum"], status="paused")
    make.volunteer("Erik", status="ended", languages=["ar"], areas=["Sentrum"])

    suggestions = suggested_volunteers(help_request)

    # Then Amira comes first, for these reasons; paused and ended volunteers are left out
    assert names(suggestions) == ["Amira", "Bjørn", "Carl"]
    assert suggestions[0].reasons == [
        "Speaks Arabic",
        "Covers Sentrum",
        "Free on Tuesday afternoons",
        "Helps 0 people now",
    ]
    assert [s.score for s in suggestions] == [55, 30, 25]
    assert suggestions[1].reasons == [
        "Covers Sentrum",
        "Free on Tuesday afternoons",
        "Helps 0 people now",
    ]
    assert suggestions[2].reasons == ["Speaks Arabic", "Helps 0 people now"]


def test_a_volunteer_who_helps_three_people_ranks_below_an_otherwise_equal_one(make):
    help_request = make.help_request(area=make.area("Sentrum"))
    busy = make.volunteer("Busy", areas=["Sentrum"], last_name="Aaberg")
    make.volunteer("Free", areas=["Sentrum"], last_name="Zulu")
    for _ in range(3):
        make.current_assignment(make.help_request(), busy)
    # An ended assignment is not a current one.
    ended = make.current_assignment(make.help_request(), busy)
    ended.ended_on = ended.started_on
    ended.save()

    suggestions = suggested_volunteers(help_request)

    assert names(suggestions)[:2] == ["Free", "Busy"]
    assert suggestions[0].reasons[-1] == "Helps 0 people now"
    assert suggestions[1].reasons[-1] == "Helps 3 people now"
    assert (suggestions[0].current_load, suggestions[1].current_load) == (0, 3)


def test_skills_that_fit_the_type_of_help_count(make):
    transport = make.request_type("transport", "Transport")
    help_request = make.help_request(request_type=transport)
    make.volunteer("Driver", skills=["Driving licence", "Knitting"])
    make.volunteer("Named", skills=["Transport to the doctor"])
    make.volunteer("Knitter", skills=["Knitting", "Carpentry"])  # "car" only inside a word

    suggestions = suggested_volunteers(help_request)

    assert names(suggestions) == ["Driver", "Named", "Knitter"]
    assert suggestions[0].reasons[0] == "Skill that fits: Driving licence"
    assert suggestions[1].reasons[0] == "Skill that fits: Transport to the doctor"
    assert suggestions[2].reasons == ["Helps 0 people now"]


def test_a_required_certificate_leaves_out_volunteers_without_one(make):
    help_request = make.help_request(requires_certificate=True)
    make.volunteer("Uncertified", languages=["nb"])
    make.volunteer("Certified", certificate=True)

    suggestions = suggested_volunteers(help_request)

    assert names(suggestions) == ["Certified"]
    assert "Has a valid police certificate" in suggestions[0].reasons


def test_without_a_requirement_a_certificate_is_a_reason_and_a_small_plus(make):
    help_request = make.help_request()
    make.volunteer("Anne", last_name="A")
    make.volunteer("Berit", last_name="B", certificate=True)

    suggestions = suggested_volunteers(help_request)

    assert names(suggestions) == ["Berit", "Anne"]
    assert suggestions[0].reasons == ["Has a valid police certificate", "Helps 0 people now"]
    assert suggestions[0].has_valid_certificate and not suggestions[1].has_valid_certificate


def test_the_volunteer_who_helps_now_is_not_suggested_again(make):
    help_request = make.help_request()
    helping = make.volunteer("Helping")
    make.current_assignment(help_request, helping)
    make.volunteer("Other")
    assert names(suggested_volunteers(help_request)) == ["Other"]


def test_many_free_slots_are_summed_up(make):
    help_request = make.help_request()
    make.volunteer(
        "Often",
        slots=[
            (Weekday.MONDAY, PartOfDay.EVENING),
            (Weekday.MONDAY, PartOfDay.MORNING),
            (Weekday.WEDNESDAY, PartOfDay.AFTERNOON),
            (Weekday.FRIDAY, PartOfDay.MORNING),
            (Weekday.SUNDAY, PartOfDay.EVENING),
        ],
    )
    (suggestion,) = suggested_volunteers(help_request)
    assert suggestion.reasons[0] == (
        "Free on Monday mornings, Monday evenings, Wednesday afternoons and 2 more times"
    )


def test_ties_are_broken_by_name_and_the_limit_holds(make):
    help_request = make.help_request()
    for last_name in ("Dahl", "Berg", "Aas", "Cappelen"):
        make.volunteer("Same", last_name=last_name)
    suggestions = suggested_volunteers(help_request, limit=3)
    assert [s.volunteer.last_name for s in suggestions] == ["Aas", "Berg", "Cappelen"]


def _queries_for(make, count: int, help_request) -> int:
    for number in range(count):
        volunteer = make.volunteer(
            f"V{number}",
            languages=["ar"],
            skills=["Visiting", f"Skill {number}"],
            areas=["Sentrum", f"Area {number}"],
            slots=[TUESDAY_AFTERNOON],
            certificate=number % 2 == 0,
        )
        make.current_assignment(make.help_request(), volunteer)
    with CaptureQueriesContext(connection) as captured:
        suggestions = suggested_volunteers(help_request, limit=100)
        # Reading every reason and name must not cost queries either.
        [(s.volunteer.full_name, s.reasons) for s in suggestions]
    assert len(suggestions) >= count
    return len(data_queries(captured))


def test_suggestions_take_the_same_number_of_queries_for_5_or_50_volunteers(make):
    help_request = make.help_request(area=make.area("Sentrum"), languages=["ar"])
    assert help_request.request_type  # loaded once, like a caller that has it at hand
    few = _queries_for(make, 5, help_request)
    many = _queries_for(make, 45, help_request)
    assert few == many
    assert few == 4  # volunteers (with load and certificate), skills, areas, availability


@pytest.mark.parametrize("language", ["nb", "da", "en"])
def test_the_default_skills_fit_the_default_types_of_help(language):
    """A new centre's own lists already match: every type but "shopping" and "other" finds
    one of the default skills and interests, and none fits the catch-all "other"."""
    skills = [name for names in DEFAULT_SKILLS[language].values() for name in names]
    fitting = {}
    for code, names in DEFAULT_REQUEST_TYPES:
        request_type = RequestType(code=code, name=names[language])
        fitting[code] = [skill for skill in skills if skill_fits(request_type, skill)]
    assert {code for code, found in fitting.items() if not found} == {"shopping", "other"}
    assert len(fitting["transport"]) == 1
    assert len(fitting["digital-help"]) == 1


def test_reasons_read_naturally_in_norwegian(make):
    help_request = make.help_request(area=make.area("Sentrum"), languages=["ar"])
    make.volunteer("Amira", languages=["ar"], areas=["Sentrum"], slots=[TUESDAY_AFTERNOON])

    (suggestion,) = suggested_volunteers(help_request)

    # Reasons are codes until read: they read in the language active when read.
    with translation.override("nb"):
        assert suggestion.reasons == [
            "Snakker arabisk",
            "Dekker Sentrum",
            "Ledig tirsdag ettermiddag",
            "Hjelper 0 personer nå",
        ]
