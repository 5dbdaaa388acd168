"""Role grants, tried as an insider would: nobody invites themselves; a federation appoints a
centre's manager on its own only while the centre has none, else a platform operator decides;
every role granted, changed or taken away is in the centre's audit log and its managers hear
of it by e-mail, whoever did it on whichever host; municipality viewers only where the
federation has centres."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from shared_apps.accounts.models import CentreMembership, Invitation
from shared_apps.accounts.services import (
    AwaitsApproval,
    NotAllowed,
    invitation_accept,
    invitation_approve,
    invitation_send,
)
from tenants.models import Federation, Municipality
from tests.plugin import host_client, in_english, sign_in

LINK = re.compile(r"https?://[^/\s]+/account/invitation/([A-Za-z0-9_-]+)/")


@pytest.fixture
def nfs(db):
    return Federation.objects.get(slug="test-nfs")


@pytest.fixture
def english_federation(federation_client):
    return in_english(federation_client)


@pytest.fixture
def operator(make_user):
    from shared_apps.accounts.models import User

    return User.objects.create_superuser("ops@dugnad.example", "pw-operator-1")


def appoint(client, nfs, centre, email: str):
    return client.post(
        "/federation/invitations/centre-admin/",
        {"federation": nfs.slug, "centre": centre.pk, "email": email, "language": "en"},
    )


def links(mailoutbox) -> list[str]:
    return [match for message in mailoutbox for match in LINK.findall(message.body)]


# --- Nobody invites themselves -------------------------------------------------------------


def test_a_federation_admin_cannot_invite_themselves_as_a_centres_manager(
    english_federation, federation_admin, nfs, centre, mailoutbox
):
    response = appoint(english_federation, nfs, centre, federation_admin.email.upper())

    assert response.status_code == 400
    assert "You cannot invite yourself." in response.text
    assert not Invitation.objects.exists()
    assert mailoutbox == []


@pytest.mark.parametrize("role", ["coordinator", "volunteer"])
def test_a_centre_manager_cannot_invite_themselves(centre, centre_admin, role):
    with pytest.raises(NotAllowed):
        invitation_send(
            invited_by=centre_admin,
            email=centre_admin.email,
            role=role,
            host=f"{centre.slug}.{settings.PLATFORM_DOMAIN}",
            language="en",
            centre=centre,
        )
    assert not Invitation.objects.exists()


def test_a_federation_admin_cannot_invite_themselves_as_a_municipality_viewer(
    federation_admin, nfs, centre
):
    with pytest.raises(NotAllowed):
        invitation_send(
            invited_by=federation_admin,
            email=federation_admin.email,
            role="municipality_viewer",
            host=settings.PLATFORM_DOMAIN,
            language="en",
            federation=nfs,
            municipality=centre.municipality,
        )


# --- One manager appointed by the federation, the rest by an operator's approval ----------


def test_the_first_manager_is_invited_at_once_and_the_grant_is_in_the_centres_log(
    english_federation,
    federation_admin,
    nfs,
    centre,
    mailoutbox,
    django_capture_on_commit_callbacks,
    audit_events,
):
    with django_capture_on_commit_callbacks(execute=True):
        response = appoint(english_federation, nfs, centre, "first.manager@example.org")
    assert response.status_code == 302
    (token,) = links(mailoutbox)

    with django_capture_on_commit_callbacks(execute=True):
        person = invitation_accept(
            token=token, user=None, full_name="First", password="x-Long-7pw!"
        )

    assert CentreMembership.objects.get(user=person, centre=centre).role == "centre_admin"
    assert audit_events(centre, code="member.role_granted") == [
        ("role_changed", "member", str(person.pk), person.pk)
    ]


def test_a_federation_admin_cannot_appoint_a_second_manager_without_an_operator(
    english_federation, centre_admin, nfs, centre, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = appoint(english_federation, nfs, centre, "accomplice@example.org")

    assert response.status_code == 302
    invitation = Invitation.objects.get(email="accomplice@example.org")
    assert invitation.awaits_approval
    # No link was sent anywhere, so nobody can accept it.
    assert mailoutbox == []
    page = english_federation.get("/federation/").text
    assert "Waits for a platform operator" in page
    assert not CentreMembership.objects.filter(user__email="accomplice@example.org").exists()


def test_an_operator_approves_on_the_platform_host_and_the_managers_hear_of_the_grant(
    english_federation,
    federation_admin,
    centre_admin,
    operator,
    nfs,
    centre,
    mailoutbox,
    django_capture_on_commit_callbacks,
    audit_events,
):
    appoint(english_federation, nfs, centre, "second.manager@example.org")
    invitation = Invitation.objects.get(email="second.manager@example.org")
    operator_client = in_english(sign_in(host_client(settings.PLATFORM_DOMAIN), operator))

    listing = operator_client.get("/operator/appointments/")
    assert listing.status_code == 200
    assert 'data-menu="operator"' in listing.text
    assert "second.manager@example.org" in listing.text
    assert centre_admin.email in listing.text  # the operator sees who manages it now
    with django_capture_on_commit_callbacks(execute=True):
        decided = operator_client.post(
            f"/operator/appointments/{invitation.pk}/", {"decision": "approve"}
        )
    assert decided.status_code == 302
    (token,) = links(mailoutbox)
    assert f"{centre.slug}.{settings.PLATFORM_DOMAIN}" in mailoutbox[0].body

    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        person = invitation_accept(token=token, user=None, full_name="Sec", password="x-Long-7pw!")

    assert CentreMembership.objects.get(user=person, centre=centre).role == "centre_admin"
    assert audit_events(centre, code="member.role_granted_approved") == [
        ("role_changed", "member", str(person.pk), person.pk)
    ]
    # The centre's existing manager is told, with who asked and who approved.
    (told,) = [message for message in mailoutbox if centre_admin.email in message.to]
    assert "second.manager@example.org" in told.body
    assert federation_admin.email in told.body
    assert operator.email in told.body


def test_an_operator_refuses_and_no_link_is_ever_sent(
    english_federation, centre_admin, operator, nfs, centre, mailoutbox
):
    appoint(english_federation, nfs, centre, "unwanted@example.org")
    invitation = Invitation.objects.get(email="unwanted@example.org")
    operator_client = sign_in(host_client(settings.PLATFORM_DOMAIN), operator)

    confirm = operator_client.get(f"/operator/appointments/{invitation.pk}/")
    assert confirm.status_code == 200
    operator_client.post(f"/operator/appointments/{invitation.pk}/", {"decision": "refuse"})

    invitation.refresh_from_db()
    assert invitation.refused_at is not None and not invitation.awaits_approval
    assert mailoutbox == []
    assert (
        "No appointments are waiting."
        in in_english(operator_client).get("/operator/appointments/").text
    )


def test_an_operator_who_is_also_the_federation_admin_cannot_approve_their_own_request(
    federation_admin, centre_admin, operator, nfs, centre
):
    federation_admin.is_staff = federation_admin.is_superuser = True
    federation_admin.save()
    host = f"{centre.slug}.{settings.PLATFORM_DOMAIN}"
    # Being an operator too does not let them appoint alone...
    invitation = invitation_send(
        invited_by=federation_admin,
        email="friend@example.org",
        role="centre_admin",
        host=host,
        language="en",
        centre=centre,
    )
    assert invitation.awaits_approval

    # ...nor approve their own request: another operator decides.
    with pytest.raises(NotAllowed):
        invitation_approve(actor=federation_admin, invitation_id=invitation.pk, host=host)
    invitation_approve(actor=operator, invitation_id=invitation.pk, host=host)
    invitation.refresh_from_db()
    assert invitation.approved_by == operator


def test_others_cannot_reach_the_operators_appointments(federation_client, municipality_client):
    assert federation_client.get("/operator/appointments/").status_code == 403
    assert municipality_client.get("/operator/appointments/").status_code == 403


def test_two_first_managers_the_second_acceptance_waits_for_an_operator(
    english_federation, nfs, centre, mailoutbox, django_capture_on_commit_callbacks, audit_events
):
    with django_capture_on_commit_callbacks(execute=True):
        appoint(english_federation, nfs, centre, "one@example.org")
        appoint(english_federation, nfs, centre, "two@example.org")
    first, second = links(mailoutbox)
    invitation_accept(token=first, user=None, full_name="One", password="x-Long-7pw!")

    with pytest.raises(AwaitsApproval):
        invitation_accept(token=second, user=None, full_name="Two", password="x-Long-7pw!")

    assert not CentreMembership.objects.filter(user__email="two@example.org").exists()
    assert Invitation.objects.get(email="two@example.org").awaits_approval
    assert len(audit_events(centre, code="member.role_granted")) == 1


def test_the_waiting_page_of_a_late_acceptance_says_why(
    english_federation, nfs, centre, centre_admin, mailoutbox, django_capture_on_commit_callbacks
):
    Invitation.objects.all().delete()
    CentreMembership.objects.filter(centre=centre, role="centre_admin").update(role="volunteer")
    with django_capture_on_commit_callbacks(execute=True):
        appoint(english_federation, nfs, centre, "late@example.org")
    (token,) = links(mailoutbox)
    CentreMembership.objects.filter(user=centre_admin).update(role="centre_admin")
    client = in_english(host_client(f"{centre.slug}.{settings.PLATFORM_DOMAIN}"))

    response = client.post(
        f"/account/invitation/{token}/",
        {"full_name": "Late", "password1": "x-Long-7pw!", "password2": "x-Long-7pw!"},
    )

    assert response.status_code == 409
    assert "a platform operator must approve the appointment first" in response.text


# --- Every change of a role: the centre's log and its managers -------------------------------


def test_a_manager_demoted_from_another_host_is_in_the_log_and_is_told(
    centre, centre_admin, member_of, audit_events, mailoutbox, django_capture_on_commit_callbacks
):
    """The issue's route: a manager put in by the federation demotes the centre's own."""
    newcomer = member_of(centre, "centre_admin", full_name="New Comer")
    client = sign_in(host_client(f"{centre.slug}.{settings.PLATFORM_DOMAIN}"), newcomer)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/staff/members/{centre_admin.pk}/role/", {"role": "volunteer"})

    assert CentreMembership.objects.get(user=centre_admin).role == "volunteer"
    assert audit_events(centre, code="member.role_changed") == [
        ("role_changed", "member", str(centre_admin.pk), newcomer.pk)
    ]
    # The demoted manager is told; the one who did it is not sent their own news.
    assert [message.to for message in mailoutbox] == [[centre_admin.email]]
    assert newcomer.email in mailoutbox[0].body


def test_removing_a_member_is_logged_and_the_managers_are_told_in_their_language(
    centre,
    centre_admin,
    member_of,
    coordinator,
    audit_events,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    other_manager = member_of(centre, "centre_admin", preferred_language="nb")
    client = sign_in(host_client(f"{centre.slug}.{settings.PLATFORM_DOMAIN}"), centre_admin)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/staff/members/{coordinator.pk}/remove/")

    assert audit_events(centre, code="member.removed") == [
        ("removed", "member", str(coordinator.pk), centre_admin.pk)
    ]
    (told,) = mailoutbox
    assert told.to == [other_manager.email]
    assert "har ikke lenger noen rolle" in told.body


# --- Municipality viewers only where the federation has centres ------------------------------


def test_a_municipality_viewer_only_for_a_municipality_with_the_federations_centres(
    english_federation, federation_admin, nfs, centre
):
    empty = (
        Municipality.objects.filter(country="NO")
        .exclude(centres__federation=nfs)
        .order_by("number")
        .first()
    )
    page = english_federation.get("/federation/")
    choices = list(
        page.context["sections"][0]["forms"]["municipality_viewer"].fields["municipality"].queryset
    )
    assert centre.municipality in choices
    assert empty not in choices

    with pytest.raises(NotAllowed):
        invitation_send(
            invited_by=federation_admin,
            email="officer@example.org",
            role="municipality_viewer",
            host=settings.PLATFORM_DOMAIN,
            language="en",
            federation=nfs,
            municipality=empty,
        )
    assert not Invitation.objects.exists()


# --- Demo data ---------------------------------------------------------------------------------


def test_the_demo_shows_a_token_in_use_and_an_appointment_for_the_operator(
    monkeypatch, centre, centre_admin, coordinator, federation_admin, mailoutbox
):
    from shared_apps.accounts.models import ApiToken
    from shared_apps.devtools import demo

    monkeypatch.setattr(
        demo, "DEMO_TOKENS", ((coordinator.email, "Vaktliste-synk", 90, timedelta(hours=2)),)
    )
    monkeypatch.setattr(
        demo, "DEMO_APPOINTMENT", (federation_admin.email, centre.slug, "ny.leder@example.org")
    )

    demo.load_access_demo(write=lambda *args: None)
    demo.load_access_demo(write=lambda *args: None)  # again: nothing doubled

    token = ApiToken.objects.get(user=coordinator)
    assert token.last_used_at is not None
    assert token.expires_at > timezone.now() + timedelta(days=80)
    (appointment,) = Invitation.objects.filter(email="ny.leder@example.org")
    assert appointment.awaits_approval
    assert mailoutbox == []


def test_the_operators_are_told_where_to_decide(
    english_federation,
    federation_admin,
    centre_admin,
    operator,
    nfs,
    centre,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        appoint(english_federation, nfs, centre, "second@example.org")

    invitation = Invitation.objects.get(email="second@example.org")
    (told,) = mailoutbox
    assert told.to == [operator.email]
    assert f"/operator/appointments/{invitation.pk}/" in told.body
    assert federation_admin.email in told.body and "second@example.org" in told.body
    assert links(mailoutbox) == []  # no invitation link in it
