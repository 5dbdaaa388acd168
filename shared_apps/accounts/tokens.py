"""API tokens: make one (the key is returned once), list a person's tokens, revoke one.

A token belongs to one person at one centre (shared_apps.accounts.api_auth accepts it on that
centre's host only). Only the SHA-256 hash of the key and its first characters are stored.

A token stands for its owner's role at the centre *and* for a session that passed the second
factor (access.decide() lets it through without asking for one). So it is made only in such a
session when the person needs or uses a second factor, it expires (TOKEN_LIFETIMES), and it
is revoked when what it stood for changes: the password (User.save), two-factor turned
off (two_factor_services), or the role at the centre changed or ended (services).
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from shared_apps.accounts.api_auth import hash_key
from shared_apps.accounts.models import ApiToken, CentreMembership, RevokedBecause
from shared_apps.accounts.roles import Role, expand
from toolkit.errors import ApplicationError

KEY_PREFIX = "dgn_"
SHOWN_PREFIX_LENGTH = 8
# Enough for every integration a centre runs; a limit keeps a leaked session from minting
# tokens without end.
MAX_ACTIVE_TOKENS = 20

# How long a new token works, in days: chosen when it is made; a year unless chosen otherwise.
TOKEN_LIFETIMES = {
    30: gettext_lazy("30 days"),
    90: gettext_lazy("90 days"),
    365: gettext_lazy("1 year"),
}
DEFAULT_TOKEN_LIFETIME = 365


def _new_key() -> str:
    return KEY_PREFIX + secrets.token_urlsafe(32)


def api_token_create(
    *,
    user_id: int,
    centre_id: int,
    name: str,
    two_factor_passed: bool,
    lifetime_days: int = DEFAULT_TOKEN_LIFETIME,
) -> tuple[ApiToken, str]:
    """Make a token for a person at a centre; returns it with its key, which is never stored.

    `two_factor_passed`: whether the session asking passed the second factor; a person who
    needs or uses one gets a token only from such a session (the token stands for it)."""
    name = name.strip()
    if not name:
        raise ApplicationError(_("Give the token a name."), field="name")
    if len(name) > ApiToken._meta.get_field("name").max_length:
        raise ApplicationError(_("The name is too long."), field="name")
    if lifetime_days not in TOKEN_LIFETIMES:
        raise ApplicationError(_("Choose one of the periods offered."), field="lifetime")
    if not two_factor_passed and _second_factor_applies(user_id):
        raise ApplicationError(
            _("Confirm your sign-in with two-factor authentication before making a token.")
        )
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
            expires_at=timezone.now() + timedelta(days=lifetime_days),
        )
    return token, key


def _second_factor_applies(user_id: int) -> bool:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from shared_apps.accounts.models import User
    from shared_apps.accounts.two_factor_services import two_factor_is_required

    user = User.objects.get(pk=user_id)
    return (
        two_factor_is_required(user=user)
        or TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    )


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
        token.revoked_reason = RevokedBecause.OWNER
        token.save(update_fields=["revoked_at", "revoked_reason"])
    return token


def api_tokens_revoke_all(*, user_id: int, reason: str, centre_id: int | None = None) -> int:
    """Revoke every token a person holds at this centre (every centre if None), because of
    `reason` (RevokedBecause); returns how many."""
    tokens = ApiToken.objects.filter(user_id=user_id, revoked_at__isnull=True)
    if centre_id is not None:
        tokens = tokens.filter(centre_id=centre_id)
    return tokens.update(revoked_at=timezone.now(), revoked_reason=reason)
