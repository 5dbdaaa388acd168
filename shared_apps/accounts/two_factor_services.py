"""Second factor: an authenticator app (TOTP) and single-use recovery codes (django-otp).

Writes and reads behind the two-factor pages (`two_factor.py`). Devices belong to the
account in the shared schema, so one authenticator serves a person on every host.
"""

from __future__ import annotations

import re
from base64 import b32encode
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from shared_apps.accounts.models import CentreMembership, FederationMembership, RevokedBecause
from shared_apps.accounts.roles import CENTRE_ROLES, FEDERATION_ROLES, TWO_FACTOR_ROLES, Role
from shared_apps.accounts.tokens import api_tokens_revoke_all
from toolkit.errors import ApplicationError

RECOVERY_CODE_COUNT = 10
AUTHENTICATOR_NAME = "authenticator"
RECOVERY_CODES_NAME = "recovery codes"
# A set-up that was begun but never confirmed is forgotten after this long.
UNCONFIRMED_AUTHENTICATOR_LIFETIME = timedelta(days=1)
AUTHENTICATOR_CODE = re.compile(r"\d{6}")


class TwoFactorError(ApplicationError):
    """A code was wrong, came too soon after wrong ones, or the step is not allowed."""


# --- Reads ------------------------------------------------------------------------------


def confirmed_authenticator(*, user) -> TOTPDevice | None:
    """The person's authenticator app, if they have finished setting one up."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def recovery_codes_left(*, user) -> int:
    """How many unused recovery codes the person has."""
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def two_factor_is_required(*, user) -> bool:
    """Whether any role the person holds, on any host, requires a second factor."""
    if not settings.TWO_FACTOR_REQUIRED:
        return False
    if Role.PLATFORM_OPERATOR in TWO_FACTOR_ROLES and (user.is_staff or user.is_superuser):
        return True
    centre_roles = [role for role in CENTRE_ROLES if role in TWO_FACTOR_ROLES]
    federation_roles = [role for role in FEDERATION_ROLES if role in TWO_FACTOR_ROLES]
    return (
        CentreMembership.objects.filter(user=user, role__in=centre_roles).exists()
        or FederationMembership.objects.filter(user=user, role__in=federation_roles).exists()
    )


def authenticator_secret(device: TOTPDevice) -> str:
    """The device's key in base32, in groups of four, for typing into an app by hand."""
    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[index : index + 4] for index in range(0, len(secret), 4))


# --- Writes -----------------------------------------------------------------------------


def authenticator_start(*, user, device_id: int | None = None) -> TOTPDevice:
    """The unconfirmed authenticator this set-up shows: the one begun in this session
    (`device_id`) if it is still there, else a new one with a new secret."""
    if confirmed_authenticator(user=user) is not None:
        raise TwoFactorError(_("Two-factor authentication is already set up for this account."))
    TOTPDevice.objects.filter(
        user=user,
        confirmed=False,
        created_at__lt=timezone.now() - UNCONFIRMED_AUTHENTICATOR_LIFETIME,
    ).delete()
    if device_id is not None:
        device = TOTPDevice.objects.filter(user=user, confirmed=False, pk=device_id).first()
        if device is not None:
            return device
    # Never hand out a secret made in another session: whoever began that set-up knows it.
    return TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)


def authenticator_confirm(
    *, user, device_id: int | None, code: str
) -> tuple[TOTPDevice, list[str]]:
    """Finish setting up the authenticator with a code it shows; returns the device and
    the person's new recovery codes."""
    with transaction.atomic():
        device = (
            TOTPDevice.objects.select_for_update()
            .filter(user=user, confirmed=False, pk=device_id)
            .first()
        )
        if device is None:
            raise TwoFactorError(
                _("This set-up has expired. Scan the new QR code and enter the code it shows.")
            )
        verified, wait_seconds = _verify(device, _normalise(code))
    # Outside the transaction above: a wrong code's failure count must be kept.
    if not verified:
        raise _wrong_code_error(wait_seconds, is_recovery_code=False)
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        TOTPDevice.objects.filter(user=user, confirmed=True).exclude(pk=device.pk).delete()
        codes = recovery_codes_replace(user=user)
    return device, codes


def recovery_codes_replace(*, user) -> list[str]:
    """Make a new set of single-use recovery codes; the old ones stop working."""
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name=RECOVERY_CODES_NAME, confirmed=True)
        codes: set[str] = set()
        while len(codes) < RECOVERY_CODE_COUNT:
            codes.add(StaticToken.random_token())
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return sorted(codes)


def second_factor_verify(*, user, code: str) -> Device:
    """Check a code from the authenticator app or a recovery code (used up by this);
    returns the device that accepted it."""
    code = _normalise(code)
    is_recovery_code = not AUTHENTICATOR_CODE.fullmatch(code)
    model = StaticDevice if is_recovery_code else TOTPDevice
    with transaction.atomic():
        device = (
            model.objects.select_for_update()
            .filter(user=user, confirmed=True)
            .order_by("pk")
            .first()
        )
        verified, wait_seconds = _verify(device, code) if device is not None else (False, 0)
    # Outside the transaction above: a wrong code's failure count must be kept.
    if not verified:
        raise _wrong_code_error(wait_seconds, is_recovery_code=is_recovery_code)
    return device


def two_factor_disable(*, user, code: str) -> None:
    """Turn two-factor authentication off, for a person whose roles do not require it."""
    if two_factor_is_required(user=user):
        raise TwoFactorError(
            _("Your role requires two-factor authentication, so it cannot be turned off.")
        )
    second_factor_verify(user=user, code=code)
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        # Tokens were made behind the second factor and stand for it (tokens.py).
        api_tokens_revoke_all(user_id=user.pk, reason=RevokedBecause.TWO_FACTOR_OFF)


def _normalise(code: str) -> str:
    return re.sub(r"[\s-]", "", code or "").lower()


def _verify(device, code: str) -> tuple[bool, int]:
    """(accepted, seconds to wait first). django-otp's throttling doubles the wait after
    each wrong code and counts the failures on the device."""
    is_allowed, details = device.verify_is_allowed()
    if not is_allowed:
        locked_until = (details or {}).get("locked_until")
        remaining = (locked_until - timezone.now()).total_seconds() if locked_until else 1
        return False, max(1, int(remaining + 0.999))
    return bool(device.verify_token(code)), 0


def _wrong_code_error(wait_seconds: int, *, is_recovery_code: bool) -> TwoFactorError:
    if wait_seconds:
        return TwoFactorError(
            ngettext(
                "Too many wrong codes. Wait %(seconds)d second and try again.",
                "Too many wrong codes. Wait %(seconds)d seconds and try again.",
                wait_seconds,
            )
            % {"seconds": wait_seconds}
        )
    if is_recovery_code:
        return TwoFactorError(
            _("That recovery code is not valid, or it has already been used."), field="code"
        )
    return TwoFactorError(
        _(
            "That code is not right. Enter the 6 digits your authenticator app shows now, "
            "and check that the clock on your phone is right."
        ),
        field="code",
    )
