"""API tokens: make one (the key is returned once), list a person's tokens, revoke one.

A token belongs to one person at one centre (shared_apps.accounts.api_auth accepts it on that
centre's host only). Only the SHA-256 hash of the key and its first characters are stored.
"""

from __future__ import annotations

import secrets

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from shared_apps.accounts.api_auth import hash_key
from shared_apps.accounts.models import ApiToken, CentreMembership
from shared_apps.accounts.roles import Role, expand
from toolkit.errors import ApplicationError

KEY_PREFIX = "dgn_"
SHOWN_PREFIX_LENGTH = 8
# Enough for every integration a centre runs; a limit keeps a leaked session from minting
# tokens without end.
MAX_ACTIVE_TOKENS = 20


def _new_key() -> str:
    return KEY_PREFIX + secrets.token_urlsafe(32)


def api_token_create(*, user_id: int, centre_id: int, name: str) -> tuple[ApiToken, str]:
    """Make a token for a person at a centre; returns it with its key, which is never stored."""
    name = name.strip()
    if not name:
        raise ApplicationError(_("Give the token a name."), field="name")
    if len(name) > ApiToken._meta.get_field("name").max_length:
        raise ApplicationError(_("The name is too long."), field="name")
    with transaction.atomic():
        role = (
            CentreMembership.objects.select_for_update()
            .filter(user_id=user_id, centre_id=centre_id, user__is_active=True)
            .values_list("role", flat=True)
            .first()
        )
        if role is None or Role.COORDINATOR not in expand({role}):
            raise ApplicationError(_("Only coordinators and centre managers can make API tokens."))
        active = ApiToken.objects.filter(
            user_id=user_id, centre_id=centre_id, revoked_at__isnull=True
        )
        if active.count() >= MAX_ACTIVE_TOKENS:
            raise ApplicationError(
                _("You have %(count)d tokens in use. Revoke one before making another.")
                % {"count": MAX_ACTIVE_TOKENS}
            )
        key = _new_key()
        token = ApiToken.objects.create(
            user_id=user_id,
            centre_id=centre_id,
            name=name,
            key_prefix=key[:SHOWN_PREFIX_LENGTH],
            key_hash=hash_key(key),
        )
    return token, key


def api_tokens_of(*, user_id: int, centre_id: int) -> QuerySet[ApiToken]:
    """The person's tokens at this centre, newest first, revoked ones included."""
    return ApiToken.objects.filter(user_id=user_id, centre_id=centre_id).order_by(
        "-created_at", "-pk"
    )


def api_token_revoke(*, user_id: int, centre_id: int, token_id: int) -> ApiToken:
    """Revoke one of the person's own tokens at this centre; it stops working at once."""
    with transaction.atomic():
        token = (
            ApiToken.objects.select_for_update()
            .filter(pk=token_id, user_id=user_id, centre_id=centre_id)
            .first()
        )
        if token is None:
            raise ApplicationError(_("There is no such token."))
        if token.revoked_at is not None:
            raise ApplicationError(_("This token has already been revoked."))
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def api_tokens_revoke_all(*, user_id: int, centre_id: int) -> int:
    """Revoke every token a person holds at this centre (when they leave it); returns how many."""
    return ApiToken.objects.filter(
        user_id=user_id, centre_id=centre_id, revoked_at__isnull=True
    ).update(revoked_at=timezone.now())
