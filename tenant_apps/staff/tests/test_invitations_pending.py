"""Pending invitations on the members page: listed for managers, sent again with a new link,
withdrawn after a confirmation; audited; never across centres."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from shared_apps.accounts.models import Invitation
from shared_apps.accounts.services import (
    InvitationUnusable,
    invitation_for_token,
    invitation_send,
)

LINK = re.compile(r"/account/invitation/([A-Za-z0-9_-]+)/")


def host_of(centre) -> str:
    return f"{centre.slug}.{settings.PLATFORM_DOMAIN}"


@pytest.fixture
def invite(django_capture_on_commit_callbacks, mailoutbox):
    """invite(centre, by, email, role="volunteer") -> (invitation, token of its link)."""

    def send(centre, by, email, role="volunteer"):
        with django_capture_on_commit_callbacks(execute=True):
            invitation = invitation_send(
                invited_by=by,
                email=email,
                role=role,
                host=host_of(centre),
                language="en",
                centre=centre,
            )
        return invitation, LINK.search(mailoutbox[-1].body).group(1)

    return send


@pytest.fixture
def other_manager(other_centre, member_of):
    return member_of(other_centre, "centre_admin", full_name="Otto Other")


def test_managers_see_pending_invitations_only(
    centre_admin_client, centre_admin, centre, other_centre, other_manager, invite
):
    pending, _token = invite(centre, centre_admin, "pending@example.org", "coordinator")
    accepted, _token = invite(centre, centre_admin, "accepted@example.org")
    Invitation.objects.filter(pk=accepted.pk).update(accepted_at=timezone.now())
    expired, _token = invite(centre, centre_admin, "expired@example.org")
    Invitation.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(hours=1))
    invite(other_centre, other_manager, "elsewhere@example.org")

    response = centre_admin_client.get("/staff/members/")

    assert response.status_code == 200
    invitations = response.context["invitations"]
    assert [(i.invitation_id, i.email, i.role, i.invited_by_name) for i in invitations] == [
        (pending.pk, "pending@example.org", "coordinator", "Ada Admin")
    ]
    assert invitations[0].expires_at == pending.expires_at
    html = response.text
    assert "pending@example.org" in html
    assert "Ada Admin" in html
    assert f'action="/staff/members/invitations/{pending.pk}/resend/"' in html
    assert f'href="/staff/members/invitations/{pending.pk}/revoke/"' in html
    for hidden in ("accepted@example.org", "expired@example.org", "elsewhere@example.org"):
        assert hidden not in html


def test_resend_makes_a_new_link_and_the_old_one_stops_working(
    centre_admin_client,
    centre_admin,
    centre,
    invite,
    mailoutbox,
    audit_events,
    django_capture_on_commit_callbacks,
):
    invitation, old_token = invite(centre, centre_admin, "again@example.org")
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() + timedelta(days=1)
    )
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = centre_admin_client.post(
            f"/staff/members/invitations/{invitation.pk}/resend/", follow=True
        )

    assert response.redirect_chain == [("/staff/members/", 302)]
    assert "A new invitation has been sent to again@example.org." in response.text
    assert [message.to for message in mailoutbox] == [["again@example.org"]]
    new_token = LINK.search(mailoutbox[0].body).group(1)
    assert new_token != old_token
    with pytest.raises(InvitationUnusable):
        invitation_for_token(old_token)
    renewed = invitation_for_token(new_token)
    assert renewed.pk == invitation.pk
    assert renewed.expires_at > timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS - 1)
    assert audit_events(centre, action="invited") == [
        ("invited", "invitation", str(invitation.pk), centre_admin.pk)
    ]


def test_revoke_asks_first_then_the_link_is_unusable(
    centre_admin_client, centre_admin, centre, centre_client, invite, audit_events
):
    invitation, token = invite(centre, centre_admin, "withdraw@example.org")
    url = f"/staff/members/invitations/{invitation.pk}/revoke/"

    page = centre_admin_client.get(url)
    assert page.status_code == 200
    assert "Withdraw the invitation to withdraw@example.org?" in page.text
    assert Invitation.objects.filter(pk=invitation.pk).exists()

    response = centre_admin_client.post(url, follow=True)

    assert response.redirect_chain == [("/staff/members/", 302)]
    assert "The invitation to withdraw@example.org has been withdrawn." in response.text
    with pytest.raises(InvitationUnusable):
        invitation_for_token(token)
    assert centre_client.get(f"/account/invitation/{token}/").status_code == 404
    assert audit_events(centre, action="removed") == [
        ("removed", "invitation", str(invitation.pk), centre_admin.pk)
    ]
    assert centre_admin_client.get(url).status_code == 404


def test_a_coordinator_can_neither_see_resend_nor_revoke(
    coordinator_client, centre_admin, centre, invite, mailoutbox
):
    invitation, token = invite(centre, centre_admin, "kept@example.org")
    before = Invitation.objects.get(pk=invitation.pk).token_hash
    mailoutbox.clear()

    assert "kept@example.org" not in coordinator_client.get("/staff/members/").text
    base = f"/staff/members/invitations/{invitation.pk}"
    assert coordinator_client.post(f"{base}/resend/").status_code == 403
    assert coordinator_client.get(f"{base}/revoke/").status_code == 403
    assert coordinator_client.post(f"{base}/revoke/").status_code == 403

    assert Invitation.objects.get(pk=invitation.pk).token_hash == before
    assert invitation_for_token(token).pk == invitation.pk
    assert mailoutbox == []


def test_a_manager_never_touches_another_centres_invitations(
    centre_admin_client, centre, other_centre, other_manager, invite, mailoutbox, audit_events
):
    theirs, token = invite(other_centre, other_manager, "theirs@example.org")
    before = Invitation.objects.get(pk=theirs.pk).token_hash
    mailoutbox.clear()
    base = f"/staff/members/invitations/{theirs.pk}"

    response = centre_admin_client.post(f"{base}/resend/", follow=True)
    assert "This invitation has been accepted, has expired or has been withdrawn." in (
        response.text
    )
    assert centre_admin_client.get(f"{base}/revoke/").status_code == 404
    assert centre_admin_client.post(f"{base}/revoke/").status_code == 404

    assert Invitation.objects.get(pk=theirs.pk).token_hash == before
    assert invitation_for_token(token).pk == theirs.pk
    assert mailoutbox == []
    assert audit_events(centre, subject_type="invitation") == []
    assert audit_events(other_centre, subject_type="invitation") == []


def test_the_members_page_reads_invitations_in_one_query(
    centre_admin_client, centre_admin, centre, invite
):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert centre_admin_client.get("/staff/members/").status_code == 200
        return len([q for q in captured.captured_queries if not q["sql"].startswith("SET ")])

    invite(centre, centre_admin, "one@example.org")
    few = queries()
    for number in range(5):
        invite(centre, centre_admin, f"more{number}@example.org")
    assert queries() == few
