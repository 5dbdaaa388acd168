"""Provisioning a centre: complete, fast to use, and all-or-nothing."""

import pytest
from django.conf import settings
from django.db import connection
from django.test import override_settings
from django_tenants.utils import schema_context, schema_exists

from tenant_apps.activities.models import ActivityCategory
from tenants.models import Centre, CentreStatusChange, Domain, FederationActivityCategory
from tenants.services import ProvisioningError, centre_provision, slug_from_name


def provision(**overrides):
    arguments = {
        "name": "Røros Frivilligsentral",
        "slug": "roros",
        "federation_slug": "test-nfs",
        "municipality_number": "5025",
    }
    arguments.update(overrides)
    return centre_provision(**arguments)


def tables_in(schema: str) -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = %s", [schema]
        )
        return {row[0] for row in cursor.fetchall()}


def nothing_left_of(slug: str) -> bool:
    return (
        not Centre.objects.filter(slug=slug).exists()
        and not Domain.objects.filter(domain__startswith=f"{slug}.").exists()
        and not schema_exists(f"c_{slug.replace('-', '_')}")
    )


def test_new_centre_has_every_tenant_table_its_domain_and_federation_categories(db):
    federation_category = FederationActivityCategory.objects.get(
        federation__slug="test-nfs", code="events"
    )
    federation_category.name_nb = "Store arrangementer"
    federation_category.save()

    result = provision()

    assert result.domain == f"roros.{settings.PLATFORM_DOMAIN}"
    assert result.centre.schema_name == "c_roros"
    assert tables_in("c_roros") == tables_in(settings.TENANT_BASE_SCHEMA)
    assert "activities_activitycategory" in tables_in("c_roros")
    with schema_context("c_roros"):
        names = dict(ActivityCategory.objects.values_list("code", "name_nb"))
    assert len(names) == 9
    assert names["events"] == "Store arrangementer"
    history = CentreStatusChange.objects.filter(centre=result.centre)
    assert [(change.from_status, change.to_status) for change in history] == [("", "trial")]


def test_new_centre_is_served_on_its_subdomain(db):
    from django.test import Client

    provision()
    response = Client(HTTP_HOST=f"roros.{settings.PLATFORM_DOMAIN}").get("/")
    assert response.status_code == 200
    assert "Røros Frivilligsentral" in response.text


def test_centres_get_their_own_identity_sequences(db):
    provision()
    provision(name="Voss", slug="voss", municipality_number="4621")
    with schema_context("c_roros"):
        new_in_roros = ActivityCategory.objects.create(
            code="x", name_nb="x", name_da="x", name_en="x"
        )
    with schema_context("c_voss"):
        new_in_voss = ActivityCategory.objects.create(
            code="x", name_nb="x", name_da="x", name_en="x"
        )
    # Both continue after the nine copied categories, independently of each other.
    assert new_in_roros.pk == new_in_voss.pk == 10


@pytest.mark.parametrize(
    ("slug", "message"),
    [
        ("ro ros", "not a valid subdomain"),
        ("-roros", "not a valid subdomain"),
        ("roros-", "not a valid subdomain"),
        ("rør-os", "not a valid subdomain"),
        ("ro_ros", "not a valid subdomain"),
        ("r" * 51, "not a valid subdomain"),
        ("www", "reserved"),
        ("api", "reserved"),
        ("admin", "reserved"),
        ("static", "reserved"),
        ("public", "reserved"),
        ("alpha", "already taken"),
    ],
)
def test_bad_subdomains_are_refused_with_a_clear_message(db, slug, message):
    with pytest.raises(ProvisioningError) as raised:
        provision(slug=slug)
    assert message in raised.value.message
    assert raised.value.field == "slug"


def test_unknown_federation_is_refused(db):
    with pytest.raises(ProvisioningError, match="no federation “nowhere”"):
        provision(federation_slug="nowhere")
    assert nothing_left_of("roros")


def test_municipality_must_exist_in_the_federations_country(db):
    with pytest.raises(ProvisioningError, match="no municipality number 9999"):
        provision(municipality_number="9999")
    with pytest.raises(ProvisioningError, match="no municipality number 370"):
        provision(municipality_number="370")  # Næstved is Danish; test-nfs is Norwegian
    assert nothing_left_of("roros")


def failing_step(defaults):
    raise RuntimeError("the disk is full")


@override_settings(
    CENTRE_PROVISIONING_STEPS=[
        "tenant_apps.activities.provisioning.install_activity_categories",
        "tenants.tests.test_provisioning.failing_step",
    ]
)
def test_failure_midway_leaves_no_schema_domain_or_row(db):
    with pytest.raises(RuntimeError, match="the disk is full"):
        provision()
    assert nothing_left_of("roros")
    assert connection.schema_name == "public"


def test_create_centre_command_prints_the_address(db):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command(
        "create_centre",
        "Sør-Varanger nord",
        federation="test-nfs",
        municipality="5605",
        stdout=out,
    )
    assert f"http://sor-varanger-nord.{settings.PLATFORM_DOMAIN}/" in out.getvalue()
    assert schema_exists("c_sor_varanger_nord")


def test_create_centre_command_reports_errors_in_words(db):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="reserved by the platform"):
        call_command("create_centre", "Www", slug="www", federation="test-nfs", municipality="5027")


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Sør-Varanger", "sor-varanger"),
        ("Næstved", "naestved"),
        ("Midtre Gauldal", "midtre-gauldal"),
        ("Ålesund", "alesund"),
        ("  Bø i Telemark ", "bo-i-telemark"),
    ],
)
def test_slugs_are_made_from_place_names(name, slug):
    assert slug_from_name(name) == slug
