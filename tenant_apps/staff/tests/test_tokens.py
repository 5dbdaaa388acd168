"""API tokens on the staff pages: made (key shown once), listed, revoked; all audited."""

import hashlib
import re

from shared_apps.accounts.models import ApiToken

KEY = re.compile(r'value="(dgn_[A-Za-z0-9_-]{43})"')


def test_making_a_token_shows_the_key_once_and_stores_only_its_hash(
    coordinator_client, coordinator, centre, audit_events
):
    response = coordinator_client.post("/staff/tokens/", {"name": "Rota sync"})

    assert response.status_code == 200
    key = KEY.search(response.text).group(1)
    assert "it is shown only this once" in response.text
    assert "no-store" in response["Cache-Control"]
    token = ApiToken.objects.get(user=coordinator, centre=centre)
    assert token.name == "Rota sync"
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert token.key_prefix == key[:8]
    assert audit_events(centre, action="token_created") == [
        ("token_created", "api_token", str(token.pk), coordinator.pk)
    ]

    later = coordinator_client.get("/staff/tokens/")
    assert key not in later.text
    assert "Rota sync" in later.text
    assert KEY.search(later.text) is None


def test_a_token_needs_a_name(coordinator_client):
    response = coordinator_client.post("/staff/tokens/", {"name": "   "})
    assert response.context["form"].errors == {"name": ["This field is required."]}
    assert not ApiToken.objects.exists()


def test_list_shows_own_tokens_for_this_centre_only(
    coordinator_client, coordinator, centre, other_centre, member_of
):
    colleague = member_of(centre, "coordinator")
    for user, place, name in [
        (coordinator, centre, "Mine here"),
        (coordinator, other_centre, "Mine at beta"),
        (colleague, centre, "Colleague's"),
    ]:
        ApiToken.objects.create(
            user=user, centre=place, name=name, key_prefix="dgn_xxxx", key_hash=name.ljust(64, "0")
        )

    response = coordinator_client.get("/staff/tokens/")

    assert [token.name for token in response.context["tokens"]] == ["Mine here"]
    assert "Mine at beta" not in response.text
    assert "Colleague" not in response.text


def test_revoking_asks_first_then_revokes_and_audits(
    coordinator_client, coordinator, centre, audit_events
):
    coordinator_client.post("/staff/tokens/", {"name": "Old script"})
    token = ApiToken.objects.get(user=coordinator)

    confirm = coordinator_client.get(f"/staff/tokens/{token.pk}/revoke/")
    assert confirm.status_code == 200
    assert "Revoke the token “Old script”?" in confirm.text
    token.refresh_from_db()
    assert token.revoked_at is None

    response = coordinator_client.post(f"/staff/tokens/{token.pk}/revoke/", follow=True)

    assert response.redirect_chain == [("/staff/tokens/", 302)]
    assert "The token “Old script” has been revoked." in response.text
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert audit_events(centre, action="token_revoked") == [
        ("token_revoked", "api_token", str(token.pk), coordinator.pk)
    ]
    again = coordinator_client.post(f"/staff/tokens/{token.pk}/revoke/", follow=True)
    assert "This token has already been revoked." in again.text


def test_someone_elses_token_cannot_be_revoked(coordinator_client, centre, member_of):
    colleague = member_of(centre, "centre_admin")
    token = ApiToken.objects.create(
        user=colleague, centre=centre, name="theirs", key_prefix="dgn_cccc", key_hash="c" * 64
    )
    assert coordinator_client.get(f"/staff/tokens/{token.pk}/revoke/").status_code == 404
    assert coordinator_client.post(f"/staff/tokens/{token.pk}/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
