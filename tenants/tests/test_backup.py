"""One centre out and back in (tenants.backup; manage.py centre_export / centre_import):
every table equal after a drop and a restore, a copy under a new subdomain, and refusals
that leave nothing behind."""

from __future__ import annotations

import json
import zipfile
from decimal import Decimal
from io import StringIO
from unittest import mock

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tenants.utils import schema_context, schema_exists

from shared_apps.accounts.models import ApiToken, CentreMembership
from shared_apps.billing.models import BillingAccount, Invoice
from tenants.backup import (
    centre_drop,
    centre_import,
    centre_models,
    schema_tables,
    table_digest,
)
from tenants.contracts import CentreDemo
from tenants.models import Centre, CentreStatus
from tenants.services import centre_provision
from toolkit.errors import ApplicationError

FILL = (
    "tenant_apps.people.demo.people_demo",
    "tenant_apps.activities.demo.activities_demo",
    "tenant_apps.helprequests.demo.help_requests_demo",
    "tenant_apps.hours.demo.hours_demo",
)


@pytest.fixture
def filled_centre(make_user):
    """A new centre with a small demo year of people, activities, requests and hours, a
    manager and an API token."""
    centre = centre_provision(
        name="Røros Frivilligsentral",
        slug="roros",
        federation_slug="test-nfs",
        municipality_number="5025",
        status=CentreStatus.ACTIVE,
    ).centre
    demo = CentreDemo(
        centre_id=centre.pk,
        slug=centre.slug,
        name=centre.name,
        country="NO",
        language="nb",
        size=0.05,
        seed=7,
    )
    with schema_context(centre.schema_name):
        for step in FILL:
            import_string(step)(demo, write=lambda *args: None)
    manager = make_user("leder@roros.example")
    CentreMembership.objects.create(user=manager, centre=centre, role="centre_admin")
    ApiToken.objects.create(
        user=manager, centre=centre, name="Excel", key_prefix="abcd1234", key_hash="f" * 64
    )
    account = BillingAccount.objects.create(
        centre=centre, stripe_customer_id="cus_roros", subscription_status="active"
    )
    Invoice.objects.create(
        account=account,
        stripe_invoice_id="in_roros_1",
        status="paid",
        amount_due=Decimal("990.00"),
        currency="nok",
        created_at=timezone.now(),
    )
    connection.set_schema_to_public()
    return Centre.objects.select_related("federation", "municipality").get(pk=centre.pk)


def every_table(schema: str) -> dict[str, tuple[int, str]]:
    return {table: table_digest(schema, table) for table in schema_tables(schema)}


def shared_rows(centre, *, without=("id", "centre_id")) -> dict[str, list]:
    """The centre's rows in every shared table that names it, at full precision."""
    rows = {}
    for model in centre_models():
        field = next(f.name for f in model._meta.concrete_fields if f.related_model is Centre)
        found = model.objects.filter(**{field: centre}).order_by("pk").values()
        rows[model._meta.label_lower] = [
            {key: value for key, value in row.items() if key not in without} for row in found
        ]
    return rows


def invoices(centre) -> list[tuple]:
    return list(
        Invoice.objects.filter(account__centre=centre).values_list(
            "account_id", "stripe_invoice_id", "status", "amount_due", "currency", "created_at"
        )
    )


def test_a_centre_exported_dropped_and_restored_has_every_table_equal(filled_centre, tmp_path):
    path = tmp_path / "roros.zip"
    before = every_table(filled_centre.schema_name)
    shared_before = shared_rows(filled_centre, without=())
    invoices_before = invoices(filled_centre)
    assert len(invoices_before) == 1
    assert sum(count for count, _ in before.values()) > 500  # a real centre, not an empty one
    assert min(before["people_volunteer"][0], before["hours_hoursentry"][0]) > 0

    call_command("centre_export", "roros", str(path), stdout=StringIO())
    centre_drop(centre=filled_centre)
    assert not schema_exists("c_roros") and not Centre.objects.filter(slug="roros").exists()

    output = StringIO()
    call_command("centre_import", str(path), stdout=output)
    restored = Centre.objects.get(slug="roros")

    assert "Restored" in output.getvalue()
    assert every_table(restored.schema_name) == before
    assert shared_rows(restored, without=()) == shared_before
    assert invoices(restored) == invoices_before  # rows that hang on the centre's rows too
    assert restored.domains.get().domain.startswith("roros.")
    assert (restored.name, restored.status, restored.created_at) == (
        filled_centre.name,
        filled_centre.status,
        filled_centre.created_at,
    )
    # The identity sequences continue after the restored rows: new rows can be added.
    with schema_context(restored.schema_name):
        from tenant_apps.people.models import Volunteer

        highest = Volunteer.objects.order_by("-pk").values_list("pk", flat=True).first()
        added = Volunteer.objects.create(
            first_name="Ny", last_name="Frivillig", start_date=timezone.localdate()
        )
        assert added.pk > highest


def test_a_copy_under_a_new_subdomain_keeps_the_records_and_roles_but_no_token(
    filled_centre, tmp_path
):
    path = tmp_path / "roros.zip"
    call_command("centre_export", "roros", str(path), stdout=StringIO())
    call_command("centre_import", str(path), "--as", "roros-kopi", stdout=StringIO())

    copy = Centre.objects.get(slug="roros-kopi")
    assert copy.schema_name != filled_centre.schema_name
    assert every_table(copy.schema_name) == every_table(filled_centre.schema_name)
    assert list(copy.memberships.values_list("user__email", "role")) == [
        ("leder@roros.example", "centre_admin")
    ]
    assert not ApiToken.objects.filter(centre=copy).exists()
    assert not BillingAccount.objects.filter(centre=copy).exists()  # the original's contract
    assert ApiToken.objects.filter(centre=filled_centre).count() == 1


def test_replacing_a_centre_asks_first_and_a_wrong_answer_changes_nothing(filled_centre, tmp_path):
    path = tmp_path / "roros.zip"
    call_command("centre_export", "roros", str(path), stdout=StringIO())
    with schema_context(filled_centre.schema_name):
        from tenant_apps.people.models import Volunteer

        Volunteer.objects.create(
            first_name="Etter", last_name="Eksporten", start_date=timezone.localdate()
        )
    connection.set_schema_to_public()
    after_export = every_table(filled_centre.schema_name)

    with (
        mock.patch("builtins.input", return_value="oslo"),
        pytest.raises(CommandError, match="Nothing was changed"),
    ):
        call_command("centre_import", str(path), "--replace", stdout=StringIO())
    assert every_table(filled_centre.schema_name) == after_export

    with pytest.raises(CommandError, match="already taken"):
        call_command("centre_import", str(path), stdout=StringIO())

    with mock.patch("builtins.input", return_value="roros"):
        call_command("centre_import", str(path), "--replace", stdout=StringIO())
    with schema_context("c_roros"):
        assert not Volunteer.objects.filter(last_name="Eksporten").exists()


def rewrite(path, target, change):
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(target, "w") as copy:
        for item in source.infolist():
            copy.writestr(item, change(item.filename, source.read(item.filename)))


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (
            lambda name, data: (
                data.replace(b"\n", b"\nx", 1) if name == "schema/people_volunteer.csv" else data
            ),
            "damaged",
        ),
        (
            lambda name, data: (
                json.dumps(
                    {**json.loads(data), "migrations": json.loads(data)["migrations"][:-1]}
                ).encode()
                if name == "manifest.json"
                else data
            ),
            "another version",
        ),
    ],
)
def test_a_damaged_or_foreign_export_is_refused_and_leaves_nothing(
    filled_centre, tmp_path, damage, message
):
    path, bad = tmp_path / "roros.zip", tmp_path / "bad.zip"
    call_command("centre_export", "roros", str(path), stdout=StringIO())
    rewrite(path, bad, damage)

    with pytest.raises(ApplicationError, match=message):
        centre_import(path=bad, as_slug="roros-kopi")
    assert not Centre.objects.filter(slug="roros-kopi").exists()
    assert not schema_exists("c_roros_kopi")


def test_a_file_that_is_no_export_is_refused(tmp_path):
    path = tmp_path / "notes.zip"
    path.write_bytes(b"not a zip")
    with pytest.raises(CommandError, match="not a centre export"):
        call_command("centre_import", str(path), stdout=StringIO())
