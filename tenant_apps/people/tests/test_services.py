"""The rules of the people services and selectors, called directly inside a centre."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.apps import apps
from django.db import models
from django.utils import timezone

from tenant_apps.people import selectors, services
from tenant_apps.people.models import (
    AgeBand,
    Area,
    AvailabilitySlot,
    CentreSettings,
    Consent,
    Participant,
    PoliceCertificateRecord,
    Skill,
    TargetGroup,
    Volunteer,
)
from toolkit.errors import ApplicationError

TODAY = timezone.localdate


@pytest.fixture
def skills(inside):
    with inside():
        return [
            Skill.objects.create(name="Testkjøring", kind=Skill.Kind.SKILL),
            Skill.objects.create(name="Testturer", kind=Skill.Kind.INTEREST),
        ]


@pytest.fixture
def area(inside):
    with inside():
        return Area.objects.create(name="Testbyen")


def counts():
    return {
        "volunteers": Volunteer.objects.count(),
        "skill links": Volunteer.skills.through.objects.count(),
        "area links": Volunteer.areas.through.objects.count(),
        "availability": AvailabilitySlot.objects.count(),
        "consents": Consent.objects.count(),
    }


# --- Registering and changing volunteers ----------------------------------------------------


def test_a_volunteer_is_registered_with_skills_areas_times_and_consents(
    inside, coordinator, skills, area, audit_events
):
    with inside():
        volunteer = services.volunteer_create(
            actor=coordinator,
            first_name=" Kari ",
            last_name="Nordmann",
            email="kari@example.org",
            date_of_birth=datetime.date(1950, 5, 17),
            languages=["nb", "en"],
            skills=skills,
            areas=[area.pk],
            availability=[(0, "morning"), (3, "evening"), (0, "morning")],
            consents=["registration", "contact"],
        )
        volunteer.refresh_from_db()
        assert volunteer.first_name == "Kari"
        assert volunteer.age_band in (AgeBand.SENIOR, AgeBand.ELDERLY)
        assert set(volunteer.skills.values_list("name", flat=True)) == {"Testkjøring", "Testturer"}
        assert list(volunteer.areas.values_list("name", flat=True)) == ["Testbyen"]
        assert list(volunteer.availability.values_list("weekday", "part_of_day")) == [
            (0, "morning"),
            (3, "evening"),
        ]
        assert selectors.missing_consents(volunteer) == []
    assert ("created", "volunteer", str(volunteer.pk), coordinator.pk) in audit_events()


@pytest.mark.parametrize(
    ("bad", "field"),
    [
        ({"availability": [(0, "morning"), (9, "night")]}, "availability"),
        ({"first_name": "  "}, "first_name"),
        ({"email": "not-an-address"}, "email"),
        ({"date_of_birth": datetime.date(2999, 1, 1)}, "date_of_birth"),
        ({"skills": [999_999]}, "skills"),
        ({"languages": ["nb", "xx"]}, "languages"),
        ({"consents": ["registration", "everything"]}, "consents"),
    ],
)
def test_bad_input_saves_nothing_at_all(inside, coordinator, skills, area, bad, field):
    given = {
        "first_name": "Ola",
        "last_name": "Nordmann",
        "skills": skills,
        "areas": [area],
        "availability": [(1, "afternoon")],
        "consents": ["registration"],
    }
    given.update(bad)
    with inside():
        before = counts()
        with pytest.raises(ApplicationError) as raised:
            services.volunteer_create(actor=coordinator, **given)
        assert raised.value.field == field
        assert counts() == before


def test_an_update_that_breaks_a_rule_leaves_the_volunteer_as_it_was(
    inside, coordinator, make_volunteer, skills
):
    volunteer = make_volunteer(phone="11111111")
    with inside():
        volunteer.skills.set([skills[0]])
        AvailabilitySlot.objects.create(volunteer=volunteer, weekday=2, part_of_day="morning")
        with pytest.raises(ApplicationError):
            services.volunteer_update(
                actor=coordinator,
                volunteer=volunteer,
                phone="22222222",
                skills=[skills[1]],
                availability=[(8, "morning")],
            )
        volunteer.refresh_from_db()
        assert volunteer.phone == "11111111"
        assert list(volunteer.skills.all()) == [skills[0]]
        assert list(volunteer.availability.values_list("weekday", flat=True)) == [2]


def test_an_account_can_belong_to_one_volunteer_only(
    inside, centre, coordinator, volunteer, make_volunteer
):
    make_volunteer(account_user_id=volunteer.pk)
    with inside(), pytest.raises(ApplicationError) as raised:
        services.volunteer_create(
            actor=coordinator,
            first_name="Two",
            last_name="Accounts",
            account_user_id=volunteer.pk,
            centre_id=centre.pk,
        )
    assert raised.value.field == "account_user_id"


def test_only_members_of_the_centre_can_be_linked(
    inside, centre, other_centre, coordinator, member_of
):
    outsider = member_of(other_centre, "volunteer")
    with inside(), pytest.raises(ApplicationError) as raised:
        services.volunteer_create(
            actor=coordinator,
            first_name="Out",
            last_name="Sider",
            account_user_id=outsider.pk,
            centre_id=centre.pk,
        )
    assert raised.value.field == "account_user_id"


def test_status_changes_are_recorded(inside, coordinator, make_volunteer, audit_events):
    volunteer = make_volunteer()
    with inside():
        services.volunteer_set_status(actor=coordinator, volunteer=volunteer, status="paused")
        assert Volunteer.objects.get(pk=volunteer.pk).status == "paused"
        with pytest.raises(ApplicationError):
            services.volunteer_set_status(actor=coordinator, volunteer=volunteer, status="gone")
    assert audit_events(action="updated")[-1][1:3] == ("volunteer", str(volunteer.pk))


# --- Deleting keeps the hours -------------------------------------------------------------


def test_deleting_a_volunteer_keeps_their_hours_in_every_total(inside, coordinator, make_volunteer):
    from django.db.models import Sum

    from tenant_apps.activities.models import ActivityCategory
    from tenant_apps.hours.models import HoursEntry

    leaving, staying = make_volunteer(), make_volunteer()
    with inside():
        category = ActivityCategory.objects.create(
            code="people-test", name_nb="Test", name_da="Test", name_en="Test"
        )
        for volunteer, hours in ((leaving, "2.5"), (leaving, "3.00"), (staying, "4.25")):
            HoursEntry.objects.create(
                volunteer=volunteer,
                category=category,
                date=datetime.date(2025, 3, 1),
                hours=Decimal(hours),
                status=HoursEntry.Status.APPROVED,
            )
        total_before = HoursEntry.objects.aggregate(total=Sum("hours"))["total"]
        by_category_before = category.hours.aggregate(total=Sum("hours"))["total"]

        kept = services.volunteer_delete(actor=coordinator, volunteer=leaving)

        assert kept.entries == 2
        assert kept.total == Decimal("5.50")
        assert not Volunteer.objects.filter(pk=leaving.pk).exists()
        assert HoursEntry.objects.count() == 3
        assert HoursEntry.objects.aggregate(total=Sum("hours"))["total"] == total_before
        assert total_before == Decimal("9.75")
        assert category.hours.aggregate(total=Sum("hours"))["total"] == by_category_before
        assert HoursEntry.objects.filter(volunteer__isnull=True).count() == 2


def test_deleting_a_volunteer_moves_the_waiting_list_up(inside, coordinator, make_volunteer):
    from tenant_apps.activities.models import (
        Activity,
        ActivityCategory,
        Session,
        Shift,
        ShiftSignup,
    )

    leaving, waiting = make_volunteer(), make_volunteer()
    with inside():
        category = ActivityCategory.objects.create(
            code="people-shift-test", name_nb="T", name_da="T", name_en="T"
        )
        day = TODAY() + datetime.timedelta(days=7)
        activity = Activity.objects.create(
            name="Språkkafé",
            category=category,
            first_date=day,
            start_time=datetime.time(17),
            end_time=datetime.time(19),
        )
        session = Session.objects.create(
            activity=activity, date=day, start_time=datetime.time(17), end_time=datetime.time(19)
        )
        shift = Shift.objects.create(session=session, name="Vert", capacity=1)
        ShiftSignup.objects.create(shift=shift, volunteer=leaving, status="confirmed")
        ShiftSignup.objects.create(shift=shift, volunteer=waiting, status="waiting")

        services.volunteer_delete(actor=coordinator, volunteer=leaving)

        assert list(shift.signups.values_list("volunteer_id", "status")) == [
            (waiting.pk, "confirmed")
        ]


# --- Police certificates --------------------------------------------------------------------


def test_no_people_model_can_hold_a_document():
    for model in apps.get_app_config("people").get_models():
        for field in model._meta.get_fields():
            assert not isinstance(field, (models.FileField, models.BinaryField)), (
                f"{model.__name__}.{field.name} could hold a document"
            )


def test_a_certificate_record_stores_who_saw_it_and_computes_the_renewal(
    inside, coordinator, make_volunteer
):
    volunteer = make_volunteer()
    with inside():
        CentreSettings.objects.all().delete()
        CentreSettings.objects.create(certificate_validity_months=24)
        record = services.certificate_record(
            actor=coordinator,
            volunteer=volunteer,
            kind=PoliceCertificateRecord.Kind.POLITIATTEST,
            seen_on=datetime.date(2024, 2, 29),
        )
        record.refresh_from_db()
    assert record.renew_by == datetime.date(2026, 2, 28)
    assert record.seen_by_label == "Cora Coordinator"
    assert record.seen_by_user_id == coordinator.pk
    stored = {field.attname for field in PoliceCertificateRecord._meta.concrete_fields}
    assert stored == {
        "id",
        "volunteer_id",
        "kind",
        "seen_on",
        "seen_by_user_id",
        "seen_by_label",
        "renew_by",
    }


def test_the_renewal_date_defaults_to_the_centres_validity(inside, coordinator, make_volunteer):
    volunteer = make_volunteer()
    with inside():
        CentreSettings.objects.all().delete()
        CentreSettings.objects.create(certificate_validity_months=36)
        record = services.certificate_record(
            actor=coordinator,
            volunteer=volunteer,
            kind="borneattest",
            seen_on=datetime.date(2025, 1, 31),
        )
    assert record.renew_by == datetime.date(2028, 1, 31)


@pytest.mark.parametrize(
    ("seen_on", "renew_by", "field"),
    [
        (datetime.date(2999, 1, 1), None, "seen_on"),
        (datetime.date(2025, 5, 1), datetime.date(2025, 5, 1), "renew_by"),
    ],
)
def test_impossible_certificate_dates_are_refused(
    inside, coordinator, make_volunteer, seen_on, renew_by, field
):
    volunteer = make_volunteer()
    with inside():
        with pytest.raises(ApplicationError) as raised:
            services.certificate_record(
                actor=coordinator,
                volunteer=volunteer,
                kind="politiattest",
                seen_on=seen_on,
                renew_by=renew_by,
            )
        assert PoliceCertificateRecord.objects.count() == 0
    assert raised.value.field == field


def record(volunteer, seen_on, renew_by):
    return PoliceCertificateRecord.objects.create(
        volunteer=volunteer,
        kind="politiattest",
        seen_on=seen_on,
        renew_by=renew_by,
        seen_by_label="test",
    )


def test_only_volunteers_with_a_valid_record_count_as_certified(inside, make_volunteer):
    day = datetime.date(2026, 6, 1)
    valid = make_volunteer(first_name="Valid")
    last_day = make_volunteer(first_name="LastDay")
    expired = make_volunteer(first_name="Expired")
    not_yet = make_volunteer(first_name="NotYet")
    without = make_volunteer(first_name="Without")
    with inside():
        record(valid, datetime.date(2025, 1, 1), datetime.date(2028, 1, 1))
        record(last_day, datetime.date(2023, 6, 1), day)
        record(expired, datetime.date(2020, 1, 1), datetime.date(2023, 1, 1))
        record(not_yet, datetime.date(2026, 6, 2), datetime.date(2029, 6, 2))

        certified = set(
            selectors.volunteers_with_valid_certificate(day).values_list("first_name", flat=True)
        )
        assert certified == {"Valid", "LastDay"}
        assert selectors.has_valid_certificate(valid, day) is True
        assert selectors.has_valid_certificate(expired.pk, day) is False
        assert selectors.has_valid_certificate(without, day) is False
        assert selectors.has_valid_certificate(last_day, day + datetime.timedelta(days=1)) is False


def test_expiring_certificates_lists_those_due_soon_and_not_renewed(inside, make_volunteer):
    today = TODAY()
    soon = make_volunteer(first_name="Soon")
    later = make_volunteer(first_name="Later")
    renewed = make_volunteer(first_name="Renewed")
    ended = make_volunteer(first_name="Ended", status="ended")
    with inside():
        record(soon, today - datetime.timedelta(days=1000), today + datetime.timedelta(days=20))
        record(later, today - datetime.timedelta(days=100), today + datetime.timedelta(days=200))
        record(renewed, today - datetime.timedelta(days=1000), today + datetime.timedelta(days=10))
        record(renewed, today - datetime.timedelta(days=5), today + datetime.timedelta(days=900))
        record(ended, today - datetime.timedelta(days=1000), today + datetime.timedelta(days=5))

        expiring = list(selectors.expiring_certificates(within_days=60))
    assert [(v.first_name, v.certificate_renew_by) for v in expiring] == [
        ("Soon", today + datetime.timedelta(days=20))
    ]


# --- Consents and participants ----------------------------------------------------------------


def test_target_groups_are_refused_without_consent(inside, coordinator, make_participant):
    participant = make_participant()
    with inside():
        with pytest.raises(ApplicationError) as on_create:
            services.participant_create(
                actor=coordinator,
                first_name="Aisha",
                target_groups=[TargetGroup.IMMIGRANT_BACKGROUND],
                consents=["registration"],
            )
        with pytest.raises(ApplicationError) as on_update:
            services.participant_update(
                actor=coordinator, participant=participant, target_groups=[TargetGroup.SENIORS]
            )
        assert Participant.objects.filter(first_name="Aisha").count() == 0
        assert Participant.objects.get(pk=participant.pk).target_groups == []
    assert on_create.value.field == "target_groups"
    assert on_update.value.field == "target_groups"


def test_target_groups_are_kept_with_consent_and_cleared_when_it_is_withdrawn(
    inside, coordinator, audit_events
):
    with inside():
        participant = services.participant_create(
            actor=coordinator,
            first_name="Aisha",
            target_groups=[TargetGroup.IMMIGRANT_BACKGROUND, TargetGroup.YOUNG_ADULTS],
            consents=["registration", "target_groups"],
        )
        assert Participant.objects.get(pk=participant.pk).target_groups == [
            "immigrant_background",
            "young_adults",
        ]
        consent = participant.consents.get(purpose="target_groups")

        services.consent_withdraw(actor=coordinator, consent=consent)

        assert Participant.objects.get(pk=participant.pk).target_groups == []
        assert Consent.objects.get(pk=consent.pk).withdrawn_on == TODAY()
        with pytest.raises(ApplicationError):
            services.participant_update(
                actor=coordinator, participant=participant, target_groups=["seniors"]
            )
    assert ("updated", "participant", str(participant.pk), coordinator.pk) in audit_events()


def test_withdrawing_another_consent_keeps_the_target_groups(inside, coordinator):
    with inside():
        participant = services.participant_create(
            actor=coordinator,
            first_name="Per",
            target_groups=["seniors"],
            consents=["registration", "target_groups"],
        )
        services.consent_withdraw(
            actor=coordinator, consent=participant.consents.get(purpose="registration")
        )
        assert Participant.objects.get(pk=participant.pk).target_groups == ["seniors"]


def test_a_consent_is_given_once_and_withdrawn_once(inside, coordinator, make_volunteer):
    volunteer = make_volunteer()
    with inside():
        consent = services.consent_give(actor=coordinator, volunteer=volunteer, purpose="photos")
        assert consent.recorded_by_label == "Cora Coordinator"
        with pytest.raises(ApplicationError):
            services.consent_give(actor=coordinator, volunteer=volunteer, purpose="photos")
        services.consent_withdraw(actor=coordinator, consent=consent)
        with pytest.raises(ApplicationError):
            services.consent_withdraw(actor=coordinator, consent=consent)
        # Given again after withdrawal: a new consent.
        services.consent_give(actor=coordinator, volunteer=volunteer, purpose="photos")
        assert volunteer.consents.filter(purpose="photos").count() == 2


def test_missing_consents_for_volunteers(inside, coordinator, make_volunteer):
    quiet = make_volunteer()
    reachable = make_volunteer(phone="+47 900 00 000")
    with inside():
        assert [m.purpose for m in selectors.missing_consents(quiet)] == ["registration"]
        assert [m.purpose for m in selectors.missing_consents(reachable)] == [
            "registration",
            "contact",
        ]
        services.consent_give(actor=coordinator, volunteer=reachable, purpose="contact")
        assert [m.purpose for m in selectors.missing_consents(reachable)] == ["registration"]


def test_a_participant_needs_health_consent_when_a_request_mentions_health(
    inside, make_participant
):
    from tenant_apps.helprequests.models import HelpRequest, RequestType

    participant = make_participant()
    with inside():
        Consent.objects.create(participant=participant, purpose="registration", given_on=TODAY())
        request_type = RequestType.objects.create(code="people-test", name="Test")
        help_request = HelpRequest.objects.create(
            participant=participant,
            request_type=request_type,
            description="Trenger hjelp med handling",
            opened_at=timezone.now(),
        )
        assert selectors.missing_consents(participant) == []
        help_request.description = "Skal til legen og trenger skyss"
        help_request.save()
        assert [m.purpose for m in selectors.missing_consents(participant)] == ["health_data"]
        listed = selectors.participant_list().get(pk=participant.pk)
        assert [m.purpose for m in selectors.missing_consents(listed)] == ["health_data"]


# --- Lists ----------------------------------------------------------------------------------


def test_skill_and_area_names_are_unique_per_list(inside):
    with inside():
        services.skill_create(name="Strikking", kind="interest")
        with pytest.raises(ApplicationError) as raised:
            services.skill_create(name=" strikking ", kind="interest")
        assert raised.value.field == "name"
        services.skill_create(name="Strikking", kind="skill")  # the other kind's list
        area = services.area_create(name="Sentrum Test")
        with pytest.raises(ApplicationError):
            services.area_create(name="sentrum test")
        services.area_update(area=area, name="Sentrum Test", is_active=False)
        assert not Area.objects.get(pk=area.pk).is_active


def test_volunteer_list_filters(inside, make_volunteer, skills, area):
    kari = make_volunteer(first_name="Kari", last_name="Nilsen", languages=["nb", "ar"])
    make_volunteer(first_name="Ola", last_name="Berg", status="paused", languages=["nb"])
    with inside():
        kari.skills.set([skills[0]])
        kari.areas.set([area])

        def names(**filters):
            return [v.first_name for v in selectors.volunteer_list(**filters)]

        assert names(search="kari nil") == ["Kari"]
        assert names(status="paused") == ["Ola"]
        assert names(skill=skills[0]) == ["Kari"]
        assert names(area=area.pk) == ["Kari"]
        assert names(language="ar") == ["Kari"]
        assert names(language="nb", search="berg") == ["Ola"]
