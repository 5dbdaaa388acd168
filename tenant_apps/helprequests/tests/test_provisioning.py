"""A new centre starts with the usual types of one-to-one help, in its federation's language.

The session's centres were provisioned before this step may have been registered, so each
test provisions a fresh centre with the step in CENTRE_PROVISIONING_STEPS."""

import pytest
from django.conf import settings
from django.test import override_settings
from django_tenants.utils import schema_context

from tenant_apps.helprequests.models import RequestType
from tenant_apps.helprequests.provisioning import install_request_types
from tenants.contracts import CentreDefaults
from tenants.services import centre_provision

STEP = "tenant_apps.helprequests.provisioning.install_request_types"
CODES = ["visiting-friend", "transport", "shopping", "digital-help", "garden", "walks", "other"]


def steps_with_request_types() -> list[str]:
    return [*(s for s in settings.CENTRE_PROVISIONING_STEPS if s != STEP), STEP]


def types_of(schema: str) -> list[tuple[str, str]]:
    with schema_context(schema):
        return list(RequestType.objects.order_by("position").values_list("code", "name"))


@pytest.mark.parametrize(
    ("federation", "municipality", "expected"),
    [
        (
            "test-nfs",
            "5025",
            [
                "Besøksvenn",
                "Transport",
                "Handlehjelp",
                "Digital hjelp",
                "Hagearbeid",
                "Følge på tur",
                "Annet",
            ],
        ),
        (
            "test-frise",
            "751",
            [
                "Besøgsven",
                "Transport",
                "Indkøbshjælp",
                "Digital hjælp",
                "Havearbejde",
                "Selskab på gåture",
                "Andet",
            ],
        ),
    ],
)
def test_a_new_centre_gets_the_default_types_in_its_federations_language(
    db, federation, municipality, expected
):
    with override_settings(CENTRE_PROVISIONING_STEPS=steps_with_request_types()):
        result = centre_provision(
            name="Ny Frivilligsentral",
            slug="ny-sentral",
            federation_slug=federation,
            municipality_number=municipality,
        )

    types = types_of(result.centre.schema_name)
    assert [code for code, _name in types] == CODES
    assert [name for _code, name in types] == expected
    with schema_context(result.centre.schema_name):
        assert all(RequestType.objects.values_list("is_active", flat=True))


def test_installing_again_adds_only_what_is_missing(db):
    with override_settings(CENTRE_PROVISIONING_STEPS=steps_with_request_types()):
        result = centre_provision(
            name="Engelsk", slug="engelsk", federation_slug="test-nfs", municipality_number="5025"
        )
    schema = result.centre.schema_name
    with schema_context(schema):
        RequestType.objects.filter(code="garden").update(name="Hage og snømåking")
        RequestType.objects.filter(code="other").delete()
        install_request_types(
            CentreDefaults(centre_name="Engelsk", country="NO", default_language="en")
        )
    names = dict(types_of(schema))
    assert len(names) == 7
    assert names["garden"] == "Hage og snømåking"  # the centre's own name is kept
    assert names["other"] == "Other"
