"""An association contact keeps their own association's entry up to date, and nothing else:
no other association, no staff or volunteer page."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.core import mail
from django_tenants.utils import schema_context

from shared_apps.accounts.models import CentreMembership, Invitation
from shared_apps.accounts.services import invitation_accept
from tenant_apps.associations.models import Association, AssociationContact
from tenant_apps.associations.tests.factories import make_association, make_contact
from tests.plugin import host_client, in_english, sign_in
from tests.test_isolation_canary import crawl, seed_centre, start_urls
from tests.test_navigation import assert_landmarks, assert_menu, html_pages


@pytest.fixture
def contact(centre, member_of):
    return member_of(centre, "association_contact", email="leader@club.example")


@pytest.fixture
def clubs(centre, contact):
    with schema_context(centre.schema_name):
        own = make_association("Own Club", description="Old text")
        other = make_association("Other Club", description="Not yours")
        make_contact(own, contact)
    return {"own": own, "other": other}


@pytest.fixture
def contact_client(client_of, centre, contact):
    return client_of(centre, contact)


def entry(**changes) -> dict:
    data = {
        "name": "Own Club",
        "organisation_number": "",
        "categories": ["social"],
        "description": "New text",
        "email": "post@club.example",
        "is_public": "on",
    }
    data.update(changes)
    return data


def test_the_contact_edits_their_own_associations_entry(contact_client, clubs, centre):
    page = contact_client.get("/associations/mine/")
    response = contact_client.post(f"/associations/mine/{clubs['own'].pk}/", entry())

    assert "Own Club" in page.text and "Other Club" not in page.text
    assert response.status_code == 302
    with schema_context(centre.schema_name):
        assert Association.objects.get(pk=clubs["own"].pk).description == "New text"


def test_the_contact_cannot_open_or_change_another_association(contact_client, clubs, centre):
    other = clubs["other"].pk

    assert contact_client.get(f"/associations/mine/{other}/").status_code == 404
    assert contact_client.post(f"/associations/mine/{other}/", entry()).status_code == 404
    assert contact_client.post(f"/associations/staff/{other}/", entry()).status_code == 403
    with schema_context(centre.schema_name):
        assert Association.objects.get(pk=other).description == "Not yours"


def test_the_service_refuses_a_contact_of_another_association(contact, clubs, centre):
    from tenant_apps.associations.services import (
        AssociationDetails,
        NotYourAssociation,
        association_update,
    )

    with schema_context(centre.schema_name), pytest.raises(NotYourAssociation):
        association_update(
            actor=contact,
            association=clubs["other"],
            details=AssociationDetails(name="Taken over"),
            country="NO",
            as_contact=True,
        )


@pytest.mark.parametrize(
    "url",
    [
        "/associations/staff/",
        "/events/staff/",
        "/staff/members/",
        "/staff/today/",
        "/people/volunteers/",
        "/help/",
        "/activities/",
        "/hours/",
        "/staff/audit/",
    ],
)
def test_the_contact_cannot_reach_staff_or_volunteer_pages(contact_client, clubs, url):
    assert contact_client.get(url).status_code in (403, 404)


def test_staff_cannot_use_the_contacts_pages_to_edit(coordinator_client, clubs):
    assert coordinator_client.get("/associations/mine/").status_code == 403


def test_every_page_of_the_contact_shows_the_association_menu_and_nothing_of_another_centre(
    centre, other_centre, contact, clubs
):
    seed_centre(other_centre, "CanaryBetaZ")
    client = sign_in(host_client(f"{centre.slug}.{settings.PLATFORM_DOMAIN}"), contact)

    crawled = crawl(client, start_urls(settings.ROOT_URLCONF), limit=250)
    pages = html_pages(crawled)

    assert len(pages) >= 6
    urls = {url for url, _text in pages}
    assert {"/staff/", "/associations/mine/", f"/associations/mine/{clubs['own'].pk}/"} <= urls
    for url, text in pages:
        assert_menu(url, text, "association")
        assert_landmarks(url, text)
    for url, _status, text in crawled:
        assert "canarybetaz" not in text.lower(), f"centre B's data on {url}"


def test_a_coordinator_invites_a_contact_who_then_keeps_the_entry(
    coordinator_client, centre, django_capture_on_commit_callbacks
):
    with schema_context(centre.schema_name):
        club = make_association("Invited Club")

    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            f"/associations/staff/{club.pk}/contacts/",
            {"email": "New.Leader@club.example", "language": "en"},
        )

    assert response.status_code == 302
    invitation = Invitation.objects.get(email="new.leader@club.example")
    assert invitation.role == "association_contact"
    token = re.search(r"/account/invitation/([^/]+)/", mail.outbox[-1].body).group(1)
    user = invitation_accept(token=token, user=None, full_name="New Leader", password="x7!Qa9-long")
    assert CentreMembership.objects.get(user=user, centre=centre).role == "association_contact"

    client = in_english(sign_in(host_client(f"{centre.slug}.{settings.PLATFORM_DOMAIN}"), user))
    page = client.get("/associations/mine/").text

    assert "Invited Club" in page
    with schema_context(centre.schema_name):
        assert AssociationContact.objects.get(association=club).user_id == user.pk


def test_a_volunteer_is_not_made_a_contact_by_an_invitation(coordinator_client, centre, volunteer):
    with schema_context(centre.schema_name):
        club = make_association("Club")

    response = coordinator_client.post(
        f"/associations/staff/{club.pk}/contacts/", {"email": volunteer.email, "language": "en"}
    )

    assert response.status_code == 400
    assert "A person has one role at a centre" in response.text
    assert CentreMembership.objects.get(user=volunteer, centre=centre).role == "volunteer"
    assert not Invitation.objects.filter(email=volunteer.email).exists()


@pytest.mark.parametrize(("inviter_role", "allowed"), [("coordinator", True), ("volunteer", False)])
def test_staff_and_only_staff_may_invite_association_contacts(
    centre, member_of, inviter_role, allowed
):
    from shared_apps.accounts.services import NotAllowed, invitation_send

    inviter = member_of(centre, inviter_role)

    def send():
        return invitation_send(
            invited_by=inviter,
            email="someone@club.example",
            role="association_contact",
            host=f"{centre.slug}.{settings.PLATFORM_DOMAIN}",
            language="en",
            centre=centre,
        )

    if allowed:
        assert send().role == "association_contact"
    else:
        with pytest.raises(NotAllowed):
            send()
