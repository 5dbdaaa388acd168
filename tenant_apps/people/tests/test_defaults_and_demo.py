"""What a new centre starts with, and the demo people."""

from __future__ import annotations

import re

from django_tenants.utils import schema_context

from tenant_apps.people.demo import link_demo_account, load_demo_people
from tenant_apps.people.models import (
    CentreSettings,
    Consent,
    Participant,
    PoliceCertificateRecord,
    Skill,
    Volunteer,
)
from tenant_apps.people.provisioning import install_people_defaults
from tenants.contracts import CentreDefaults


def test_a_new_centre_gets_settings_and_skills_in_its_language(inside):
    with inside():
        Skill.objects.all().delete()
        CentreSettings.objects.all().delete()
        defaults = CentreDefaults(centre_name="Test", country="DK", default_language="da")
        install_people_defaults(defaults)
        install_people_defaults(defaults)  # safe to run twice

        assert CentreSettings.objects.count() == 1
        assert CentreSettings.objects.get().certificate_validity_months == 36
        names = set(Skill.objects.values_list("name", flat=True))
        assert {"Besøgsven", "Digital hjælp"} <= names
        assert Skill.objects.count() == 12


def demo_names(centre):
    with schema_context(centre.schema_name):
        load_demo_people(centre_slug="demo-test", volunteers=40, participants=15, seed=7)
        return list(
            Volunteer.objects.order_by("id").values_list("first_name", "last_name", "phone")
        )


def test_demo_people_are_believable_and_repeatable(centre, other_centre):
    first = demo_names(centre)
    second = demo_names(other_centre)

    assert first == second  # the same seed and centre give the same people
    assert len(first) == 40
    with schema_context(centre.schema_name):
        assert Participant.objects.count() == 15
        # mobile numbers in E.164, as the forms store them
        assert all(re.fullmatch(r"\+47[49]\d{7}", phone) for *_names, phone in first if phone)
        assert Volunteer.objects.filter(skills__isnull=False).distinct().count() == 40
        assert Volunteer.objects.filter(availability__isnull=False).distinct().count() == 40
        assert PoliceCertificateRecord.objects.exists()
        assert Consent.objects.filter(purpose="registration").count() > 30
        # Target groups only where the participant consented to them.
        for participant in Participant.objects.exclude(target_groups=[]):
            assert participant.consents.filter(purpose="target_groups").exists()
        # A second run leaves the centre alone.
        load_demo_people(centre_slug="demo-test", volunteers=40, participants=15, seed=7)
        assert Volunteer.objects.count() == 40


def test_danish_demo_people(danish_centre):
    with schema_context(danish_centre.schema_name):
        load_demo_people(centre_slug=danish_centre.slug, volunteers=10, participants=5, seed=1)
        phones = [p for p in Volunteer.objects.values_list("phone", flat=True) if p]
        assert phones and all(re.fullmatch(r"\+45\d{8}", phone) for phone in phones)
        assert Volunteer.objects.filter(languages__contains=["da"]).count() == 10


def test_a_demo_account_gets_a_volunteer_profile(inside, volunteer):
    with inside():
        link_demo_account(
            account_user_id=volunteer.pk,
            first_name="Kari",
            last_name="Nilsen",
            email="frivillig@example.no",
        )
        link_demo_account(
            account_user_id=volunteer.pk,
            first_name="Kari",
            last_name="Nilsen",
            email="frivillig@example.no",
        )
        assert Volunteer.objects.get(account_user_id=volunteer.pk).full_name == "Kari Nilsen"
