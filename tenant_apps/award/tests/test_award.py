"""The volunteer award: nominations from the public between two dates, the jury's shortlist
and winner, and the winner on the site only with their consent and in the staff's words."""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings
from django_tenants.utils import schema_context

from tenant_apps.award import services
from tenant_apps.award.models import AwardRound, Nomination
from tests.plugin import clock_at, host_client, in_english

OPENS, CLOSES = datetime.date(2027, 3, 1), datetime.date(2027, 3, 31)


@pytest.fixture(autouse=True)
def in_march():
    """The round is open (autouse: the clock stands before any client signs in)."""
    with clock_at(datetime.date(2027, 3, 25)):
        yield


@pytest.fixture
def award_round(centre):
    with schema_context(centre.schema_name):
        return AwardRound.objects.create(
            title="Ildsjelprisen 2027",
            description="For a local volunteer.",
            opens_on=OPENS,
            closes_on=CLOSES,
        )


@pytest.fixture
def visitor(centre_client):
    return in_english(centre_client)


def nomination_data(**changes) -> dict:
    data = {
        "nominee_name": "Reidun Ildsjel",
        "nominee_contact": "reidun@example.org",
        "reason": "She has run the lunch club for twenty years.",
        "nominator_name": "Nils Nominator",
        "nominator_email": "nils@example.org",
        "nominator_phone": "",
        "consent": "on",
    }
    data.update(changes)
    return data


def nominations(centre):
    with schema_context(centre.schema_name):
        return list(Nomination.objects.order_by("id"))


def test_a_nomination_is_taken_while_the_round_is_open_with_a_confirmation_to_the_nominator(
    centre, visitor, award_round, mailoutbox, django_capture_on_commit_callbacks
):
    page = visitor.get("/award/").text
    with django_capture_on_commit_callbacks(execute=True):
        response = visitor.post(f"/award/{award_round.pk}/nominate/", nomination_data())

    assert f'href="/award/{award_round.pk}/nominate/"' in page
    assert (response.status_code, response["Location"]) == (302, "/award/thanks/")
    [nomination] = nominations(centre)
    assert (nomination.nominee_name, nomination.nominator_email, nomination.status) == (
        "Reidun Ildsjel",
        "nils@example.org",
        "received",
    )
    [message] = mailoutbox
    assert message.to == ["nils@example.org"]
    assert "Ildsjelprisen 2027" in message.subject


@pytest.mark.parametrize(
    "day", [OPENS - datetime.timedelta(days=1), CLOSES + datetime.timedelta(days=1)]
)
def test_no_nominations_before_the_round_opens_or_after_it_closes(
    centre, visitor, award_round, day
):
    with clock_at(day):
        assert visitor.get(f"/award/{award_round.pk}/nominate/").status_code == 404
        assert (
            visitor.post(f"/award/{award_round.pk}/nominate/", nomination_data()).status_code == 404
        )
        assert "Nominations are closed just now." in visitor.get("/award/").text
        with schema_context(centre.schema_name), pytest.raises(services.ApplicationError):
            services.nomination_submit(
                award_round=award_round,
                language="en",
                **{k: v for k, v in nomination_data().items() if k != "consent"},
            )
    assert nominations(centre) == []


def test_bad_input_keeps_what_was_typed_and_the_limit_holds(centre, visitor, award_round):
    url = f"/award/{award_round.pk}/nominate/"
    bad = visitor.post(url, nomination_data(reason="", consent=""))
    for _number in range(5):
        visitor.post(url, nomination_data())
    late = visitor.post(url, nomination_data())

    assert bad.status_code == 400
    assert 'value="Reidun Ildsjel"' in bad.text and "Tick the box to agree" in bad.text
    assert late.status_code == 429
    assert len(nominations(centre)) == 5


@pytest.fixture
def received(centre, visitor, award_round):
    visitor.post(f"/award/{award_round.pk}/nominate/", nomination_data())
    visitor.post(
        f"/award/{award_round.pk}/nominate/",
        nomination_data(nominee_name="Kåre Kjøkkensjef", nominator_email="b@example.org"),
    )
    return nominations(centre)


def test_the_jury_shortlists_picks_a_winner_and_publishes_with_consent(
    centre, coordinator_client, coordinator, award_round, received, audit_events
):
    reidun, kare = received
    listing = coordinator_client.get(f"/award/rounds/{award_round.pk}/").text
    assert "Reidun Ildsjel" in listing and "Kåre Kjøkkensjef" in listing

    coordinator_client.post(f"/award/nominations/{reidun.pk}/shortlist/", {"shortlisted": "1"})
    coordinator_client.post(f"/award/nominations/{kare.pk}/shortlist/", {"shortlisted": "1"})
    coordinator_client.post(f"/award/nominations/{kare.pk}/winner/")
    coordinator_client.post(f"/award/nominations/{reidun.pk}/winner/")  # the jury changes its mind
    # Not without the day the winner agreed:
    refused = coordinator_client.post(
        f"/award/nominations/{reidun.pk}/publish/", {"public_name": "Reidun", "citation": ""}
    )
    assert refused.status_code == 400
    assert "Reidun" not in visitor_text(centre)[0]

    published = coordinator_client.post(
        f"/award/nominations/{reidun.pk}/publish/",
        {
            "consent_on": "2027-03-24",
            "public_name": "Reidun I.",
            "citation": "Twenty years of Tuesday lunches.",
        },
    )

    assert published.status_code == 302
    with schema_context(centre.schema_name):
        statuses = dict(Nomination.objects.values_list("nominee_name", "status"))
    assert statuses == {"Reidun Ildsjel": "winner", "Kåre Kjøkkensjef": "shortlisted"}
    text = visitor_text(centre)[0]
    assert "Ildsjelprisen 2027: Reidun I." in text
    assert "Twenty years of Tuesday lunches." in text
    # Nothing the nominator wrote reaches the public page.
    assert "lunch club for twenty years" not in text and "Nils" not in text
    assert "Reidun Ildsjel" not in text
    codes = audit_codes(centre, reidun.pk)
    assert codes == [
        "nomination.status_changed",
        "nomination.status_changed",
        "nomination.published",
    ]


def visitor_text(centre) -> list[str]:
    client = in_english(host_client(f"{centre.slug}.{settings.PLATFORM_DOMAIN}"))
    return [client.get("/award/winners/").text]


def audit_codes(centre, nomination_id: int) -> list[str]:
    from tenant_apps.audit.models import AuditEvent

    with schema_context(centre.schema_name):
        return list(
            AuditEvent.objects.filter(subject_type="nomination", subject_id=str(nomination_id))
            .exclude(code="")
            .order_by("id")
            .values_list("code", flat=True)
        )


def test_reading_a_nomination_is_audited(coordinator_client, coordinator, received, audit_events):
    reidun = received[0]

    text = coordinator_client.get(f"/award/nominations/{reidun.pk}/").text

    assert "lunch club for twenty years" in text and "nils@example.org" in text
    assert audit_events(subject_type="nomination", action="viewed") == [
        ("viewed", "nomination", str(reidun.pk), coordinator.pk)
    ]


def test_a_round_has_one_winner_and_a_published_one_stays_until_taken_down(
    centre, coordinator, received
):
    reidun, kare = received
    with schema_context(centre.schema_name):
        services.nomination_pick_winner(actor=coordinator, nomination=reidun)
        services.winner_publish(
            actor=coordinator,
            nomination=reidun,
            consent_on=datetime.date(2027, 3, 24),
            public_name="Reidun",
            citation="",
        )
        with pytest.raises(services.ApplicationError):
            services.nomination_pick_winner(actor=coordinator, nomination=kare)
        services.winner_unpublish(actor=coordinator, nomination=reidun)
        services.nomination_pick_winner(actor=coordinator, nomination=kare)
        winners = list(
            Nomination.objects.filter(status="winner").values_list("nominee_name", flat=True)
        )
    assert winners == ["Kåre Kjøkkensjef"]
    assert "Reidun" not in visitor_text(centre)[0]


def test_staff_make_and_change_rounds_and_only_staff_see_nominations(
    coordinator_client, volunteer_client, visitor, received, award_round
):
    created = coordinator_client.post(
        "/award/rounds/new/",
        {
            "title": "Prize 2028",
            "description": "",
            "opens_on": "2028-03-01",
            "closes_on": "2028-02-01",
        },
    )
    assert (
        created.status_code == 200 and "Nominations cannot close before they open." in created.text
    )
    created = coordinator_client.post(
        "/award/rounds/new/",
        {
            "title": "Prize 2028",
            "description": "",
            "opens_on": "2028-03-01",
            "closes_on": "2028-03-31",
        },
    )
    assert created.status_code == 302
    assert "Prize 2028" in coordinator_client.get("/award/rounds/").text
    for client in (volunteer_client, visitor):
        response = client.get(f"/award/rounds/{award_round.pk}/")
        assert response.status_code in (302, 403)
        assert "Reidun" not in response.text
    assert 'href="/award/"' in visitor.get("/").text
