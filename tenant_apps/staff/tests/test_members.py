"""The member list, invitations, role changes and removals, each in the audit log."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from shared_apps.accounts.models import ApiToken, CentreMembership, Invitation


def test_member_list_shows_this_centres_members_only(
    coordinator_client, centre, other_centre, member_of
):
    member_of(centre, "volunteer", full_name="Vilde Volunteer", email="vilde@example.org")
    member_of(other_centre, "volunteer", full_name="Bjørn Beta", email="bjorn@example.org")

    response = coordinator_client.get("/staff/members/")

    assert response.status_code == 200
    assert "Vilde Volunteer" in response.text
    assert "vilde@example.org" in response.text
    assert "Cora Coordinator" in response.text
    assert "Bjørn Beta" not in response.text
    assert "bjorn@example.org" not in response.text
    assert [m.full_name for m in response.context["members"]] == [
        "Cora Coordinator",
        "Vilde Volunteer",
    ]
    assert [m.role for m in response.context["members"]] == ["coordinator", "volunteer"]


def test_coordinators_see_the_list_without_controls_to_change_it(coordinator_client, volunteer):
    response = coordinator_client.get("/staff/members/")
    assert f"/staff/members/{volunteer.pk}/role/" not in response.text
    assert f"/staff/members/{volunteer.pk}/remove/" not in response.text
    assert "/staff/members/invite/" not in response.text


def test_managers_get_controls_for_others_but_not_themselves(
    centre_admin_client, centre_admin, volunteer
):
    response = centre_admin_client.get("/staff/members/")
    assert f"/staff/members/{volunteer.pk}/role/" in response.text
    assert f"/staff/members/{volunteer.pk}/remove/" in response.text
    assert f"/staff/members/{centre_admin.pk}/remove/" not in response.text
    assert "/staff/members/invite/" in response.text


def test_viewing_the_member_list_is_audited(coordinator_client, coordinator, centre, audit_events):
    coordinator_client.get("/staff/members/")
    assert audit_events(centre) == [("viewed", "member", "", coordinator.pk)]


def _count_member_list_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/staff/members/")
    assert response.status_code == 200
    # django-tenants sets the search path before each query; count the queries themselves.
    statements = [q["sql"] for q in queries.captured_queries if not q["sql"].startswith("SET ")]
    return len(statements), len(response.context["members"])


def test_member_list_queries_do_not_grow_with_the_number_of_members(
    coordinator_client, centre, member_of
):
    for _ in range(4):
        member_of(centre, "volunteer")
    few_queries, few = _count_member_list_queries(coordinator_client)
    for _ in range(20):
        member_of(centre, "volunteer")
    many_queries, many = _count_member_list_queries(coordinator_client)

    assert (few, many) == (5, 25)
    assert many_queries == few_queries
    assert many_queries <= 8


# --- Invitations ----------------------------------------------------------------------------


def test_manager_invites_a_coordinator(centre_admin_client, centre_admin, centre, audit_events):
    response = centre_admin_client.post(
        "/staff/members/invite/",
        {"email": "New.Person@Example.org", "role": "coordinator", "language": "da"},
        follow=True,
    )

    assert response.redirect_chain == [("/staff/members/", 302)]
    assert "An invitation has been sent to new.person@example.org." in response.text
    invitation = Invitation.objects.get(email="new.person@example.org")
    assert (invitation.centre, invitation.role, invitation.language) == (
        centre,
        "coordinator",
        "da",
    )
    assert invitation.invited_by == centre_admin
    assert audit_events(centre, action="invited") == [
        ("invited", "invitation", str(invitation.pk), centre_admin.pk)
    ]


def test_invite_form_offers_coordinator_and_volunteer_in_the_centres_language(
    centre_admin_client,
):
    response = centre_admin_client.get("/staff/members/invite/")
    form = response.context["form"]
    assert [value for value, _label in form.fields["role"].choices] == ["coordinator", "volunteer"]
    assert form["language"].value() == "nb"


def test_invite_refused_by_the_service_shows_the_reason_in_the_form(
    centre_admin_client, volunteer, centre, audit_events
):
    response = centre_admin_client.post(
        "/staff/members/invite/",
        {"email": volunteer.email, "role": "volunteer", "language": "nb"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "email": [f"{volunteer.email} already has this role or a higher one."]
    }
    assert not Invitation.objects.filter(email=volunteer.email).exists()
    assert audit_events(centre, action="invited") == []


def test_invite_form_rejects_a_manager_role_and_a_bad_address(centre_admin_client):
    response = centre_admin_client.post(
        "/staff/members/invite/", {"email": "nope", "role": "centre_admin", "language": "nb"}
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"email", "role"}
    assert not Invitation.objects.exists()


# --- Role changes and removals ----------------------------------------------------------------


def test_manager_changes_a_members_role(
    centre_admin_client, centre_admin, volunteer, centre, audit_events
):
    response = centre_admin_client.post(
        f"/staff/members/{volunteer.pk}/role/", {"role": "coordinator"}, follow=True
    )

    assert response.redirect_chain == [("/staff/members/", 302)]
    assert "The role of Vera Volunteer has been changed." in response.text
    assert CentreMembership.objects.get(user=volunteer, centre=centre).role == "coordinator"
    assert audit_events(centre, action="role_changed") == [
        ("role_changed", "member", str(volunteer.pk), centre_admin.pk)
    ]


def test_the_last_manager_cannot_step_down(centre_admin_client, centre_admin, centre, audit_events):
    response = centre_admin_client.post(
        f"/staff/members/{centre_admin.pk}/role/", {"role": "volunteer"}, follow=True
    )

    assert "The centre needs at least one manager." in response.text
    assert CentreMembership.objects.get(user=centre_admin, centre=centre).role == "centre_admin"
    assert audit_events(centre, action="role_changed") == []


def test_removal_asks_first_then_removes_and_revokes_the_members_tokens(
    centre_admin_client, centre_admin, coordinator, centre, other_centre, audit_events
):
    token_here = ApiToken.objects.create(
        user=coordinator, centre=centre, name="here", key_prefix="dgn_aaaa", key_hash="a" * 64
    )
    token_elsewhere = ApiToken.objects.create(
        user=coordinator, centre=other_centre, name="b", key_prefix="dgn_bbbb", key_hash="b" * 64
    )
    confirm = centre_admin_client.get(f"/staff/members/{coordinator.pk}/remove/")
    assert confirm.status_code == 200
    assert "Remove Cora Coordinator?" in confirm.text
    assert CentreMembership.objects.filter(user=coordinator, centre=centre).exists()

    response = centre_admin_client.post(f"/staff/members/{coordinator.pk}/remove/", follow=True)

    assert "Cora Coordinator is no longer a member of this centre." in response.text
    assert not CentreMembership.objects.filter(user=coordinator, centre=centre).exists()
    token_here.refresh_from_db()
    token_elsewhere.refresh_from_db()
    assert token_here.revoked_at is not None
    assert token_elsewhere.revoked_at is None
    assert audit_events(centre, action="removed") == [
        ("removed", "member", str(coordinator.pk), centre_admin.pk)
    ]


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_member_of_another_centre_cannot_be_removed_from_here(
    centre_admin_client, other_centre, member_of, method
):
    member_of_b = member_of(other_centre, "volunteer")
    response = getattr(centre_admin_client, method)(f"/staff/members/{member_of_b.pk}/remove/")
    assert response.status_code == 404
    assert CentreMembership.objects.filter(user=member_of_b, centre=other_centre).exists()


def test_role_change_of_a_member_of_another_centre_changes_nothing(
    centre_admin_client, other_centre, member_of, centre, audit_events
):
    member_of_b = member_of(other_centre, "volunteer")
    response = centre_admin_client.post(
        f"/staff/members/{member_of_b.pk}/role/", {"role": "centre_admin"}, follow=True
    )
    assert "This person is not a member of this centre." in response.text
    assert CentreMembership.objects.get(user=member_of_b).role == "volunteer"
    assert audit_events(centre, action="role_changed") == []


def test_role_change_is_post_only(centre_admin_client, volunteer):
    assert centre_admin_client.get(f"/staff/members/{volunteer.pk}/role/").status_code == 405
