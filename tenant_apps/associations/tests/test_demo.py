"""The demo directory: valid organisation numbers for each country, member associations, a
hidden and a waiting one, and the demo association contact linked to an association."""

from __future__ import annotations

import pytest
from django_tenants.utils import schema_context
from stdnum.dk import cvr
from stdnum.no import orgnr

from tenant_apps.associations.demo import DANISH, NORWEGIAN, associations_demo
from tenant_apps.associations.models import Association, AssociationContact
from tenant_apps.events.demo import events_demo
from tenant_apps.events.models import Event, Registration
from tenants.contracts import CentreDemo


def test_every_demo_number_has_a_valid_check_digit():
    assert all(orgnr.is_valid(row[1]) for row in NORWEGIAN)
    assert all(cvr.is_valid(row[1]) for row in DANISH)


def demo_of(centre) -> CentreDemo:
    return CentreDemo(
        centre_id=centre.pk,
        slug=centre.slug,
        name=centre.name,
        country=centre.federation.country,
        language=centre.federation.default_language,
        size=1.0,
        seed=7,
    )


@pytest.mark.parametrize("which", ["centre", "danish_centre"])
def test_the_demo_fills_the_directory_and_the_events_once(request, which, member_of):
    centre = request.getfixturevalue(which)
    contact = member_of(centre, "association_contact")
    demo = demo_of(centre)

    with schema_context(centre.schema_name):
        for _ in range(2):
            associations_demo(demo, write=lambda line: None)
            events_demo(demo, write=lambda line: None)

        assert Association.objects.count() == 8
        assert Association.objects.filter(member_since__isnull=False).count() >= 3
        assert Association.objects.filter(is_public=False).count() == 1
        assert Association.objects.filter(status="pending").count() == 1
        linked = AssociationContact.objects.get(user_id=contact.pk)
        assert linked.association.is_member
        assert set(Event.objects.values_list("kind", flat=True)) == {
            "fair",
            "info_meeting",
            "volunteer_day",
        }
        fair = Event.objects.get(kind="fair")
        assert fair.stands.count() == 12
        stand_holders = Registration.objects.filter(event=fair, stand__isnull=False)
        assert stand_holders.count() == 5
        assert all(r.association.is_listed for r in stand_holders)
        for event in Event.objects.filter(capacity__isnull=False):
            taken = sum(event.registrations.values_list("places", flat=True))
            assert 0 < taken <= event.capacity
