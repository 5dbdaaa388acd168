"""Invitations: who may invite whom, the e-mail, accepting on the right host, links that
expire or were used, and the centre membership services that share the same rules."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.utils import timezone

from shared_apps.accounts.models import (
    CentreMembership,
    FederationMembership,
    Invitation,
    MunicipalityViewer,
    User,
)
from shared_apps.accounts.services import (
    NotAllowed,
    centre_membership_remove,
    centre_membership_set_role,
    invitation_accept,
    invitation_send,
    token_hash,
)
from tenants.models import Federation
from tests.plugin import host_client, in_english, sign_in
from toolkit.errors import ApplicationError

LINK = re.compile(r"(https?)://([^/\s]+)(/account/invitation/([A-Za-z0-9_-]+)/)")
NEW_PASSWORD = "a-long-and-new-secret-7"


def centre_host(centre) -> str:
    return f"{centre.slug}.{settings.PLATFORM_DOMAIN}"


@pytest.fixture
def send(django_capture_on_commit_callbacks, mailoutbox):
    """invitation_send that also runs the after-commit e-mail; returns (invitation, link)."""

    def send_and_mail(**kwargs):
        kwargs.setdefault("language", "en")
        with django_capture_on_commit_callbacks(execute=True):
            invitation = invitation_send(**kwargs)
        match = LINK.search(mailoutbox[-1].body)
        assert match, mailoutbox[-1].body
        return invitation, match

    return send_and_mail


@pytest.fixture
def nfs():
    return Federation.objects.get(slug="test-nfs")


def invite_volunteer(send, centre, centre_admin, email="new.volunteer@example.org", **extra):
    return send(
        invited_by=centre_admin,
        email=email,
        role="volunteer",
        host=centre_host(centre),
        centre=centre,
        **extra,
    )


# --- End to end -------------------------------------------------------------------------------


def test_a_centre_manager_invites_a_volunteer_who_accepts_and_signs_in(
    centre, centre_admin, send, mailoutbox
):
    invitation, link = invite_volunteer(send, centre, centre_admin, email="New.Vol@Example.org")

    assert invitation.email == "new.vol@example.org"
    assert invitation.token_hash == token_hash(link.group(4))
    assert link.group(4) not in invitation.token_hash
    message = mailoutbox[0]
    assert message.to == ["new.vol@example.org"]
    assert "Alpha Frivilligsentral" in message.subject
    assert "Ada Admin invites you to join Alpha Frivilligsentral on Dugnad as volunteer." in (
        message.body
    )
    assert link.group(0) in message.alternatives[0][0]
    # Tests run with DEBUG off, as production does: the link is https, on the centre's host.
    assert (link.group(1), link.group(2)) == ("https", centre_host(centre))

    visitor = in_english(host_client(link.group(2)))
    page = visitor.get(link.group(3))
    assert page.status_code == 200
    assert 'value="new.vol@example.org"' in page.text
    assert 'autocomplete="new-password"' in page.text
    response = visitor.post(
        link.group(3),
        {"full_name": "Nina Ny", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    assert response.status_code == 302
    assert response["Location"] == "/staff/"
    user = User.objects.get(email="new.vol@example.org")
    assert user.full_name == "Nina Ny"
    assert CentreMembership.objects.get(user=user, centre=centre).role == "volunteer"
    assert visitor.session[SESSION_KEY] == str(user.pk)
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None

    fresh = host_client(centre_host(centre))
    signed_in = fresh.post(
        "/account/login/", {"username": "new.vol@example.org", "password": NEW_PASSWORD}
    )
    assert signed_in.status_code == 302
    assert signed_in["Location"] == "/staff/"


def test_the_invitation_mail_is_in_the_language_asked_for(centre, centre_admin, send, mailoutbox):
    invite_volunteer(send, centre, centre_admin, language="nb")

    message = mailoutbox[0]
    assert message.subject == "Du er invitert til Alpha Frivilligsentral på Dugnad"
    assert "Åpne denne lenken for å takke ja:" in message.body


def test_the_link_is_http_in_development(centre, centre_admin, send, settings):
    settings.DEBUG = True

    _invitation, link = invite_volunteer(send, centre, centre_admin)

    assert link.group(1) == "http"


def test_the_link_keeps_the_port_it_was_sent_from(centre, centre_admin, send):
    _invitation, link = send(
        invited_by=centre_admin,
        email="x@example.org",
        role="coordinator",
        host=f"{centre_host(centre)}:8000",
        centre=centre,
    )

    assert link.group(2) == f"{centre_host(centre)}:8000"


def test_no_mail_leaves_if_the_transaction_is_rolled_back(
    centre, centre_admin, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        invitation_send(
            invited_by=centre_admin,
            email="x@example.org",
            role="volunteer",
            host=centre_host(centre),
            language="en",
            centre=centre,
        )
    assert len(callbacks) == 1
    assert mailoutbox == []


# --- Who may invite whom ----------------------------------------------------------------------


@pytest.mark.parametrize("role", ["volunteer", "coordinator", "centre_admin"])
def test_a_coordinator_cannot_invite(centre, coordinator, mailoutbox, role):
    with pytest.raises(NotAllowed, match="You may not invite people as"):
        invitation_send(
            invited_by=coordinator,
            email="x@example.org",
            role=role,
            host=centre_host(centre),
            language="en",
            centre=centre,
        )
    assert not Invitation.objects.exists()
    assert mailoutbox == []


def test_a_volunteer_cannot_invite(centre, volunteer):
    with pytest.raises(NotAllowed):
        invitation_send(
            invited_by=volunteer,
            email="x@example.org",
            role="volunteer",
            host=centre_host(centre),
            language="en",
            centre=centre,
        )


def test_a_centre_manager_cannot_invite_another_manager(centre, centre_admin):
    """Centre managers are appointed by the federation."""
    with pytest.raises(NotAllowed):
        invitation_send(
            invited_by=centre_admin,
            email="x@example.org",
            role="centre_admin",
            host=centre_host(centre),
            language="en",
            centre=centre,
        )


def test_a_centre_manager_cannot_invite_to_another_centre(centre_admin, other_centre):
    with pytest.raises(NotAllowed):
        invitation_send(
            invited_by=centre_admin,
            email="x@example.org",
            role="volunteer",
            host=centre_host(other_centre),
            language="en",
            centre=other_centre,
        )


@pytest.mark.parametrize("role", ["federation_admin", "federation_analyst", "municipality_viewer"])
def test_a_centre_manager_cannot_invite_platform_roles(centre, centre_admin, nfs, role):
    with pytest.raises(NotAllowed):
        invitation_send(
            invited_by=centre_admin,
            email="x@example.org",
            role=role,
            host=settings.PLATFORM_DOMAIN,
            language="en",
            federation=nfs,
            municipality=centre.municipality,
        )


def test_a_federation_admin_invites_a_manager_for_its_own_centre(centre, federation_admin, send):
    invitation, link = send(
        invited_by=federation_admin,
        email="manager@example.org",
        role="centre_admin",
        host=centre_host(centre),
        centre=centre,
    )

    assert invitation.centre == centre
    assert link.group(2) == centre_host(centre)


def test_a_federation_admin_cannot_invite_for_another_federations_centre(
    danish_centre, federation_admin, nfs, mailoutbox
):
    for federation in (None, nfs):
        with pytest.raises(NotAllowed):
            invitation_send(
                invited_by=federation_admin,
                email="x@example.org",
                role="centre_admin",
                host=centre_host(danish_centre),
                language="da",
                centre=danish_centre,
                federation=federation,
            )
    assert not Invitation.objects.exists()
    assert mailoutbox == []


def test_a_federation_admin_cannot_invite_volunteers_to_its_centres(centre, federation_admin):
    """People at a centre are the centre's business, not the federation's."""
    with pytest.raises(NotAllowed):
        invitation_send(
            invited_by=federation_admin,
            email="x@example.org",
            role="volunteer",
            host=centre_host(centre),
            language="nb",
            centre=centre,
        )


def test_a_federation_admin_invites_municipality_viewers_in_its_country_only(
    centre, danish_centre, federation_admin, nfs, send
):
    invitation, link = send(
        invited_by=federation_admin,
        email="kommune@example.org",
        role="municipality_viewer",
        host=settings.PLATFORM_DOMAIN,
        federation=nfs,
        municipality=centre.municipality,
    )
    assert invitation.municipality == centre.municipality
    assert invitation.federation is None
    assert link.group(2) == settings.PLATFORM_DOMAIN

    with pytest.raises(NotAllowed):
        invitation_send(
            invited_by=federation_admin,
            email="kommune@example.org",
            role="municipality_viewer",
            host=settings.PLATFORM_DOMAIN,
            language="da",
            federation=nfs,
            municipality=danish_centre.municipality,
        )
    frise = Federation.objects.get(slug="test-frise")
    with pytest.raises(NotAllowed):
        invitation_send(
            invited_by=federation_admin,
            email="kommune@example.org",
            role="municipality_viewer",
            host=settings.PLATFORM_DOMAIN,
            language="da",
            federation=frise,
            municipality=danish_centre.municipality,
        )


def test_a_federation_analyst_cannot_invite(centre, make_user, nfs):
    analyst = make_user()
    FederationMembership.objects.create(user=analyst, federation=nfs, role="federation_analyst")

    with pytest.raises(NotAllowed):
        invitation_send(
            invited_by=analyst,
            email="x@example.org",
            role="centre_admin",
            host=centre_host(centre),
            language="nb",
            centre=centre,
        )


def test_an_operator_may_invite_anyone(danish_centre, send):
    operator = User.objects.create_superuser("op@example.org", "pw-operator-1")
    frise = Federation.objects.get(slug="test-frise")

    invitation, link = send(
        invited_by=operator,
        email="staff@frise.example",
        role="federation_admin",
        host=settings.PLATFORM_DOMAIN,
        federation=frise,
    )
    assert invitation.federation == frise
    send(
        invited_by=operator,
        email="leder@gamma.example",
        role="centre_admin",
        host=centre_host(danish_centre),
        centre=danish_centre,
    )

    visitor = in_english(host_client(settings.PLATFORM_DOMAIN))
    visitor.post(
        link.group(3),
        {"full_name": "Fie", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert FederationMembership.objects.get(user__email="staff@frise.example").role == (
        "federation_admin"
    )


def test_nobody_is_invited_as_platform_operator(make_user):
    operator = User.objects.create_superuser("op@example.org", "pw-operator-1")

    with pytest.raises(ApplicationError, match="not invited"):
        invitation_send(
            invited_by=operator,
            email="x@example.org",
            role="platform_operator",
            host=settings.PLATFORM_DOMAIN,
            language="en",
        )


@pytest.mark.parametrize(
    "host", [settings.PLATFORM_DOMAIN, f"beta.{settings.PLATFORM_DOMAIN}", "evil.example"]
)
def test_the_link_must_point_at_the_host_that_accepts_it(centre, centre_admin, host):
    with pytest.raises(ApplicationError, match="wrong address"):
        invitation_send(
            invited_by=centre_admin,
            email="x@example.org",
            role="volunteer",
            host=host,
            language="en",
            centre=centre,
        )


def test_a_municipality_link_must_point_at_the_platform_host(centre, federation_admin, nfs):
    with pytest.raises(ApplicationError, match="wrong address"):
        invitation_send(
            invited_by=federation_admin,
            email="x@example.org",
            role="municipality_viewer",
            host=centre_host(centre),
            language="nb",
            federation=nfs,
            municipality=centre.municipality,
        )


def test_an_invalid_email_address_is_refused(centre, centre_admin):
    with pytest.raises(ApplicationError, match="valid e-mail address") as refused:
        invitation_send(
            invited_by=centre_admin,
            email="not an address",
            role="volunteer",
            host=centre_host(centre),
            language="en",
            centre=centre,
        )
    assert refused.value.field == "email"


def test_a_second_pending_invitation_to_the_same_place_is_refused(centre, centre_admin, send):
    invitation, _link = invite_volunteer(send, centre, centre_admin, email="twice@example.org")

    with pytest.raises(ApplicationError, match="not been answered"):
        invite_volunteer(send, centre, centre_admin, email="TWICE@example.org")

    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now())
    invite_volunteer(send, centre, centre_admin, email="twice@example.org")
    assert Invitation.objects.filter(email="twice@example.org").count() == 2


def test_the_same_person_may_be_invited_to_two_centres(
    centre, other_centre, centre_admin, member_of, send
):
    other_admin = member_of(other_centre, "centre_admin")
    invite_volunteer(send, centre, centre_admin, email="both@example.org")
    invite_volunteer(send, other_centre, other_admin, email="both@example.org")

    assert Invitation.objects.filter(email="both@example.org").count() == 2


def test_someone_who_already_has_the_role_is_not_invited_again(centre, centre_admin, coordinator):
    with pytest.raises(ApplicationError, match="already has this role"):
        invitation_send(
            invited_by=centre_admin,
            email=coordinator.email,
            role="volunteer",
            host=centre_host(centre),
            language="en",
            centre=centre,
        )


# --- Accepting ----------------------------------------------------------------------------


def test_an_expired_link_is_refused_with_a_friendly_page(centre, centre_admin, send):
    invitation, link = invite_volunteer(send, centre, centre_admin)
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    visitor = in_english(host_client(link.group(2)))

    page = visitor.get(link.group(3))
    posted = visitor.post(
        link.group(3),
        {"full_name": "Late", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    assert page.status_code == posted.status_code == 410
    assert "This invitation has expired" in page.text
    assert "Ask the person who invited you to send a new one." in page.text
    assert not User.objects.filter(email=invitation.email).exists()
    with pytest.raises(ApplicationError):
        invitation_accept(token=link.group(4), user=None, full_name="X", password=NEW_PASSWORD)


def test_an_invitation_expires_after_the_configured_days(centre, centre_admin, send):
    invitation, _link = invite_volunteer(send, centre, centre_admin)

    assert invitation.expires_at - invitation.created_at == pytest.approx(
        timedelta(days=settings.INVITATION_VALID_DAYS), abs=timedelta(seconds=5)
    )


def test_a_used_link_is_refused(centre, centre_admin, send):
    invitation, link = invite_volunteer(send, centre, centre_admin)
    first = in_english(host_client(link.group(2)))
    first.post(
        link.group(3),
        {"full_name": "First", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    second = in_english(host_client(link.group(2)))
    page = second.get(link.group(3))
    posted = second.post(
        link.group(3),
        {"full_name": "Second", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    assert page.status_code == posted.status_code == 410
    assert "This invitation is already accepted" in page.text
    assert User.objects.get(email=invitation.email).full_name == "First"
    assert SESSION_KEY not in second.session


def test_an_unknown_link_is_a_404_page(centre_client):
    centre_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = centre_client.get("/account/invitation/not-a-real-token/")

    assert page.status_code == 404
    assert "This invitation link is not valid." in page.text


def test_a_centre_invitation_is_accepted_only_on_that_centres_host(
    centre, other_centre, centre_admin, send
):
    _invitation, link = invite_volunteer(send, centre, centre_admin)

    for host in (centre_host(other_centre), settings.PLATFORM_DOMAIN):
        visitor = in_english(host_client(host))
        page = visitor.get(link.group(3))
        posted = visitor.post(
            link.group(3),
            {"full_name": "Wrong", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        )
        assert page.status_code == posted.status_code == 400
        assert "Open the invitation at the right address" in page.text
        assert f"http://{centre_host(centre)}{link.group(3)}" in page.text
    assert not CentreMembership.objects.filter(user__email="new.volunteer@example.org").exists()


def test_a_municipality_invitation_is_accepted_on_the_platform_host_only(
    centre, federation_admin, nfs, send
):
    _invitation, link = send(
        invited_by=federation_admin,
        email="kommune@example.org",
        role="municipality_viewer",
        host=settings.PLATFORM_DOMAIN,
        federation=nfs,
        municipality=centre.municipality,
    )

    assert host_client(centre_host(centre)).get(link.group(3)).status_code == 400
    visitor = in_english(host_client(settings.PLATFORM_DOMAIN))
    response = visitor.post(
        link.group(3),
        {"full_name": "Kommune", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response["Location"] == "/municipality/"
    assert MunicipalityViewer.objects.filter(
        user__email="kommune@example.org", municipality=centre.municipality
    ).exists()


@pytest.mark.parametrize(
    ("full_name", "password1", "password2", "message"),
    [
        ("Nina", NEW_PASSWORD, NEW_PASSWORD + "x", "The two passwords are not the same."),
        ("Nina", "short", "short", "This password is too short."),
        ("Nina", "password123", "password123", "This password is too common."),
        ("", NEW_PASSWORD, NEW_PASSWORD, "This field is required."),
    ],
)
def test_a_new_account_needs_a_name_and_a_good_password(
    centre, centre_admin, send, full_name, password1, password2, message
):
    invitation, link = invite_volunteer(send, centre, centre_admin)
    visitor = in_english(host_client(link.group(2)))

    response = visitor.post(
        link.group(3), {"full_name": full_name, "password1": password1, "password2": password2}
    )

    assert response.status_code == 200
    assert message in response.text
    assert 'aria-invalid="true"' in response.text
    assert re.search(r'aria-describedby="[^"]*_error"', response.text)
    assert not User.objects.filter(email=invitation.email).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_an_existing_account_is_asked_to_sign_in_first(centre, centre_admin, make_user, send):
    person = make_user(email="known@example.org")
    _invitation, link = invite_volunteer(send, centre, centre_admin, email="known@example.org")
    visitor = in_english(host_client(link.group(2)))

    page = visitor.get(link.group(3))
    assert page.status_code == 200
    assert "Sign in to accept the invitation" in page.text
    assert f'href="/account/login/?next={link.group(3).replace("/", "%2F")}"' in page.text
    assert 'name="password1"' not in page.text

    # Posting anyway changes nothing.
    refused = visitor.post(link.group(3), {})
    assert refused.status_code == 403
    assert not CentreMembership.objects.filter(user=person).exists()

    signed_in = visitor.post(
        f"/account/login/?next={link.group(3)}",
        {"username": "known@example.org", "password": "demo-password-1", "next": link.group(3)},
    )
    assert signed_in["Location"] == link.group(3)
    confirm = visitor.get(link.group(3))
    assert "Accept the invitation" in confirm.text
    accepted = visitor.post(link.group(3))
    assert accepted.status_code == 302
    assert CentreMembership.objects.get(user=person, centre=centre).role == "volunteer"


def test_someone_signed_in_as_another_account_cannot_take_the_invitation(
    centre, centre_admin, make_user, volunteer, send
):
    make_user(email="known@example.org")
    invitation, link = invite_volunteer(send, centre, centre_admin, email="known@example.org")
    client = sign_in(in_english(host_client(link.group(2))), volunteer)

    page = client.get(link.group(3))
    posted = client.post(link.group(3))

    assert "which is another account" in page.text
    assert posted.status_code == 403
    invitation.refresh_from_db()
    assert invitation.accepted_at is None
    with pytest.raises(NotAllowed):
        invitation_accept(token=link.group(4), user=volunteer)


def test_accepting_a_higher_role_upgrades_the_existing_one(
    centre, federation_admin, coordinator, send
):
    _invitation, link = send(
        invited_by=federation_admin,
        email=coordinator.email,
        role="centre_admin",
        host=centre_host(centre),
        centre=centre,
    )

    invitation_accept(token=link.group(4), user=coordinator)

    assert CentreMembership.objects.get(user=coordinator, centre=centre).role == "centre_admin"


# --- Role changes and removal at a centre -------------------------------------------------------


def test_a_centre_manager_changes_roles_and_removes_members(centre, centre_admin, volunteer):
    centre_membership_set_role(
        actor=centre_admin, centre=centre, user_id=volunteer.pk, role="coordinator"
    )
    assert CentreMembership.objects.get(user=volunteer).role == "coordinator"

    centre_membership_remove(actor=centre_admin, centre=centre, user_id=volunteer.pk)
    assert not CentreMembership.objects.filter(user=volunteer).exists()
    assert User.objects.filter(pk=volunteer.pk).exists()


def test_a_coordinator_cannot_change_roles_or_remove(centre, coordinator, volunteer):
    with pytest.raises(NotAllowed):
        centre_membership_set_role(
            actor=coordinator, centre=centre, user_id=volunteer.pk, role="coordinator"
        )
    with pytest.raises(NotAllowed):
        centre_membership_remove(actor=coordinator, centre=centre, user_id=volunteer.pk)
    assert CentreMembership.objects.get(user=volunteer).role == "volunteer"


def test_a_manager_of_another_centre_cannot_touch_this_one(
    centre, other_centre, member_of, volunteer
):
    other_admin = member_of(other_centre, "centre_admin")

    with pytest.raises(NotAllowed):
        centre_membership_remove(actor=other_admin, centre=centre, user_id=volunteer.pk)
    with pytest.raises(ApplicationError):
        # …nor reach this centre's member through their own centre.
        centre_membership_remove(actor=other_admin, centre=other_centre, user_id=volunteer.pk)
    assert CentreMembership.objects.filter(user=volunteer, centre=centre).exists()


def test_the_last_manager_cannot_demote_or_remove_themselves(centre, centre_admin):
    with pytest.raises(ApplicationError, match="at least one manager"):
        centre_membership_set_role(
            actor=centre_admin, centre=centre, user_id=centre_admin.pk, role="volunteer"
        )
    with pytest.raises(ApplicationError, match="at least one manager"):
        centre_membership_remove(actor=centre_admin, centre=centre, user_id=centre_admin.pk)
    assert CentreMembership.objects.get(user=centre_admin).role == "centre_admin"


def test_a_manager_may_step_down_when_another_manager_remains(centre, centre_admin, member_of):
    member_of(centre, "centre_admin")

    centre_membership_set_role(
        actor=centre_admin, centre=centre, user_id=centre_admin.pk, role="coordinator"
    )

    assert CentreMembership.objects.get(user=centre_admin).role == "coordinator"


def test_a_manager_may_make_someone_manager(centre, centre_admin, volunteer):
    centre_membership_set_role(
        actor=centre_admin, centre=centre, user_id=volunteer.pk, role="centre_admin"
    )

    assert CentreMembership.objects.get(user=volunteer).role == "centre_admin"


@pytest.mark.parametrize("role", ["federation_admin", "municipality_viewer", "nonsense"])
def test_only_centre_roles_are_given_at_a_centre(centre, centre_admin, volunteer, role):
    with pytest.raises(ApplicationError, match="Unknown role"):
        centre_membership_set_role(
            actor=centre_admin, centre=centre, user_id=volunteer.pk, role=role
        )
