"""Retention rules: the dry run lists exactly what the real run then changes, on the day it
is due; the record of processing activities starts from the federation's template."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from shared_apps.ropa.models import ProcessingActivityTemplate
from tenant_apps.helprequests.models import FollowUpNote, HelpRequest
from tenant_apps.hours.tests.factories import make_entry, make_help_request
from tenant_apps.people.models import Participant, Volunteer
from tenant_apps.privacy import selectors, services
from tenant_apps.privacy.models import InactivityNotice, ProcessingActivity
from tenant_apps.privacy.tasks import apply_retention
from tests.factories import make_volunteer
from tests.plugin import clock_at

DAY = datetime.date(2031, 3, 10)


@pytest.fixture(autouse=True)
def on_the_day():
    """Every test of this module runs on DAY (autouse: before the clients' sessions are made)."""
    with clock_at(DAY):
        yield


def closed_request(closed_on: datetime.date, text: str) -> HelpRequest:
    closed_at = timezone.make_aware(datetime.datetime.combine(closed_on, datetime.time(12)))
    request = make_help_request(
        description=text,
        status="closed",
        opened_at=closed_at - datetime.timedelta(days=60),
        closed_at=closed_at,
    )
    FollowUpNote.objects.create(help_request=request, text=f"Note on {text}", author_label="C")
    return request


@pytest.fixture
def retention_data(centre, inside):
    """Two old closed requests (one due, one not yet) and three volunteers: active, inactive
    for 25 months, and reminded 4 months ago."""
    with clock_at(DAY), inside():
        due = closed_request(datetime.date(2026, 3, 1), "Old need")
        recent = closed_request(datetime.date(2026, 3, 20), "Newer need")
        active = make_volunteer("Aktiv", "Hansen", start_date=datetime.date(2020, 1, 1))
        make_entry(active, date=datetime.date(2031, 2, 1), status="approved")
        inactive = make_volunteer(
            "Inaktiv", "Olsen", email="inaktiv@example.org", start_date=datetime.date(2020, 1, 1)
        )
        make_entry(inactive, date=datetime.date(2029, 2, 1), status="approved")
        reminded = make_volunteer("Varslet", "Berg", start_date=datetime.date(2020, 1, 1))
        make_entry(reminded, date=datetime.date(2028, 6, 1), status="approved")
        InactivityNotice.objects.create(
            volunteer=reminded,
            sent_at=timezone.now() - datetime.timedelta(days=125),
            last_active_on=datetime.date(2028, 6, 1),
        )
    return {
        "due": due,
        "recent": recent,
        "active": active,
        "inactive": inactive,
        "reminded": reminded,
    }


def test_the_dry_run_lists_exactly_what_the_real_run_changes(
    centre, inside, retention_data, centre_admin_client
):
    data = retention_data
    expected = [
        ("anonymise_request", data["due"].pk),
        ("anonymise_participant", data["due"].participant_id),
        ("remind_volunteer", data["inactive"].pk),
        ("anonymise_volunteer", data["reminded"].pk),
    ]
    with clock_at(DAY), inside():
        plan = selectors.retention_plan()
        assert sorted((c.action, c.subject_id) for c in plan) == sorted(expected)
        # The dry run changed nothing.
        assert HelpRequest.objects.get(pk=data["due"].pk).description == "Old need"
        assert not InactivityNotice.objects.filter(volunteer=data["inactive"]).exists()

    with clock_at(DAY):
        page = centre_admin_client.get("/privacy/retention/")
    assert page.status_code == 200
    for action, subject_id in expected:
        assert f'data-change="{action}:{subject_id}"' in page.text
    # What comes later is shown with its day: the newer request, 5 years after closing.
    assert f'data-change="anonymise_request:{data["recent"].pk}"' in page.text
    assert "2031-03-20" in page.text

    with clock_at(DAY), inside(), mail_outbox_on_commit():
        result = services.retention_apply()

    assert sorted((c.action, c.subject_id) for c in result.applied) == sorted(expected)
    with clock_at(DAY), inside():
        old = HelpRequest.objects.get(pk=data["due"].pk)
        assert (old.description, old.status) == ("", "closed")
        assert not FollowUpNote.objects.filter(help_request=old).exists()
        assert Participant.objects.get(pk=old.participant_id).erased_at is not None
        newer = HelpRequest.objects.get(pk=data["recent"].pk)
        assert newer.description == "Newer need" and newer.anonymised_at is None
        assert Volunteer.objects.get(pk=data["reminded"].pk).erased_at is not None
        assert Volunteer.objects.get(pk=data["reminded"].pk).first_name == ""
        assert Volunteer.objects.get(pk=data["inactive"].pk).erased_at is None
        assert InactivityNotice.objects.filter(volunteer=data["inactive"]).exists()
        assert Volunteer.objects.get(pk=data["active"].pk).erased_at is None
        # Nothing is left due: a second run changes nothing.
        assert selectors.retention_plan() == []
    assert [message.to for message in mail.outbox] == [["inaktiv@example.org"]]
    assert "Inaktiv" in mail.outbox[0].body


def mail_outbox_on_commit():
    """Run on_commit callbacks (the reminder e-mail) inside the test's transaction."""
    from django.test import TestCase

    return TestCase.captureOnCommitCallbacks(execute=True)


def test_a_reminded_volunteer_who_takes_part_again_is_kept(centre, inside, retention_data):
    reminded = retention_data["reminded"]
    with clock_at(DAY), inside():
        make_entry(reminded, date=DAY - datetime.timedelta(days=3), status="approved")
        services.retention_apply()
        kept = Volunteer.objects.get(pk=reminded.pk)
        assert kept.erased_at is None and kept.first_name == "Varslet"
        assert not InactivityNotice.objects.filter(volunteer=reminded).exists()


def test_the_scheduled_task_applies_the_rules_in_its_centre_only(
    centre, other_centre, inside, retention_data
):
    with clock_at(DAY):
        assert apply_retention.call(other_centre.schema_name) == 0
        with inside():
            assert HelpRequest.objects.get(pk=retention_data["due"].pk).description == "Old need"
        assert apply_retention.call(centre.schema_name) == 4
        with inside():
            assert HelpRequest.objects.get(pk=retention_data["due"].pk).description == ""


def test_rules_switched_off_are_not_applied_by_the_task(centre, inside, retention_data):
    with clock_at(DAY), inside():
        rules = selectors.retention_rules()
        rules.is_automatic = False
        rules.save()
    with clock_at(DAY):
        assert apply_retention.call(centre.schema_name) == 0


def test_the_command_prints_a_centres_dry_run(centre, retention_data, capsys):
    with clock_at(DAY):
        call_command("apply_retention", dry_run=centre.slug)
    assert "4 changes due at alpha." in capsys.readouterr().out


def test_a_manager_changes_the_rules_and_the_plan_follows(
    centre, inside, retention_data, centre_admin_client
):
    with clock_at(DAY):
        answer = centre_admin_client.post(
            "/privacy/retention/",
            {
                "help_request_years": "4",
                "volunteer_inactive_months": "24",
                "volunteer_notice_months": "3",
                "public_form_months": "12",
                "is_automatic": "on",
            },
        )
        assert answer.status_code == 302
        with inside():
            actions = {(c.action, c.subject_id) for c in selectors.retention_plan()}
    assert ("anonymise_request", retention_data["recent"].pk) in actions

    with clock_at(DAY):
        refused = centre_admin_client.post(
            "/privacy/retention/",
            {
                "help_request_years": "0",
                "volunteer_inactive_months": "24",
                "volunteer_notice_months": "3",
            },
        )
    assert refused.status_code == 200
    assert 'value="0"' in refused.text  # what was typed is kept


def test_the_record_of_processing_starts_from_the_federations_template(
    centre, danish_centre, centre_admin_client, client_of, member_of, inside
):
    ProcessingActivityTemplate.objects.create(
        federation=centre.federation,
        position=1,
        name="Besøksvenn-ordningen",
        purpose="Formidle besøksvenner",
        legal_basis="Samtykke",
        data_subjects="Deltakere",
        data_categories="Navn",
        retention="5 år",
    )

    page = centre_admin_client.get("/privacy/processing/")

    assert page.status_code == 200
    assert "Besøksvenn-ordningen" in page.text
    with inside():
        entry = ProcessingActivity.objects.get()
    answer = centre_admin_client.post(
        f"/privacy/processing/{entry.pk}/",
        {
            "name": "Besøksvenner",
            "purpose": "Formidle besøksvenner",
            "legal_basis": "Samtykke",
            "data_subjects": "Deltakere",
            "data_categories": "Navn, telefon",
            "retention": "5 år",
        },
    )
    assert answer.status_code == 302
    # The centre's copy is its own: the template is untouched, and stays one-way.
    assert ProcessingActivityTemplate.objects.get().name == "Besøksvenn-ordningen"
    with inside():
        assert ProcessingActivity.objects.get().name == "Besøksvenner"

    # A Danish centre without a template of its federation gets the built-in Danish one.
    manager = member_of(danish_centre, "centre_admin")
    danish = client_of(danish_centre, manager).get("/privacy/processing/")
    assert "Frivilligadministration" in danish.text


def test_volunteers_cannot_open_the_retention_page(volunteer_client, coordinator_client):
    assert volunteer_client.get("/privacy/retention/").status_code == 403
    assert coordinator_client.get("/privacy/processing/").status_code == 403
