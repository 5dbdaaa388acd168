"""Help request tests read English (`alpha`'s federation speaks Norwegian) and build their
people inside `alpha`'s schema with the `make` helpers (`audit_events` and the other shared
fixtures come from tests/plugin.py)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from django_tenants.utils import schema_context

from tests.factories import make_volunteer


@pytest.fixture
def client_language():
    return "en"


@pytest.fixture
def in_centre(centre):
    """Run the test body inside `alpha`'s schema (for service and selector tests)."""
    with schema_context(centre.schema_name):
        yield centre


class Maker:
    """Rows of the centre whose schema the connection is in, with sensible defaults."""

    def area(self, name: str):
        from tenant_apps.people.models import Area

        return Area.objects.get_or_create(name=name)[0]

    def skill(self, name: str, kind: str = "skill"):
        from tenant_apps.people.models import Skill

        return Skill.objects.get_or_create(name=name, kind=kind)[0]

    def request_type(self, code: str = "visiting-friend", name: str = "Visiting friend"):
        from tenant_apps.helprequests.models import RequestType

        return RequestType.objects.update_or_create(code=code, defaults={"name": name})[0]

    def volunteer(
        self,
        first_name: str = "",
        last_name: str = "Volunteer",
        *,
        languages=(),
        skills=(),
        areas=(),
        slots=(),
        certificate: bool = False,
        status: str = "active",
        account_user_id: int | None = None,
        phone: str = "",
    ):
        from tenant_apps.people.models import AvailabilitySlot, PoliceCertificateRecord

        volunteer = make_volunteer(
            first_name,
            last_name,
            languages=list(languages),
            status=status,
            account_user_id=account_user_id,
            phone=phone,
        )
        volunteer.skills.set([self.skill(name) for name in skills])
        volunteer.areas.set([self.area(name) for name in areas])
        for weekday, part_of_day in slots:
            AvailabilitySlot.objects.create(
                volunteer=volunteer, weekday=weekday, part_of_day=part_of_day
            )
        if certificate:
            today = timezone.localdate()
            PoliceCertificateRecord.objects.create(
                volunteer=volunteer,
                kind="politiattest",
                seen_on=today - datetime.timedelta(days=30),
                seen_by_label="Cora Coordinator",
                renew_by=today + datetime.timedelta(days=365),
            )
        return volunteer

    def participant(self, first_name: str = "Ola", last_name: str = "Nordmann", **fields):
        from tenant_apps.people.models import Participant

        return Participant.objects.create(first_name=first_name, last_name=last_name, **fields)

    def help_request(
        self,
        *,
        participant=None,
        request_type=None,
        area=None,
        languages=(),
        requires_certificate: bool = False,
        status: str = "new",
        description: str = "",
    ):
        from tenant_apps.helprequests.models import HelpRequest

        return HelpRequest.objects.create(
            participant=participant or self.participant(),
            request_type=request_type or self.request_type(),
            area=area,
            languages=list(languages),
            requires_certificate=requires_certificate,
            status=status,
            description=description,
            opened_at=timezone.now(),
        )

    def current_assignment(self, help_request, volunteer):
        from tenant_apps.helprequests.models import Assignment

        return Assignment.objects.create(
            help_request=help_request, volunteer=volunteer, started_on=timezone.localdate()
        )


@pytest.fixture
def make():
    return Maker()
