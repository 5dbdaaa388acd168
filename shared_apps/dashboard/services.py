"""Writes of the federation dashboard."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from shared_apps.accounts.models import FederationMembership, User
from shared_apps.accounts.roles import Role
from shared_apps.dashboard.models import MAXIMUM_HOUR_VALUE, DashboardSettings
from tenants.models import Federation
from toolkit.errors import ApplicationError


@transaction.atomic
def hour_value_update(
    *, federation: Federation, hour_value: Decimal, changed_by: User
) -> DashboardSettings:
    """Set what an hour of volunteer work is worth for the federation (its administrators only)."""
    if not FederationMembership.objects.filter(
        user=changed_by, federation=federation, role=Role.FEDERATION_ADMIN
    ).exists():
        raise ApplicationError(
            _("Only an administrator of the federation can change the value of an hour.")
        )
    try:
        hour_value = Decimal(hour_value)
    except (InvalidOperation, TypeError, ValueError):
        raise ApplicationError(_("Enter an amount, such as 500."), field="hour_value") from None
    if not hour_value.is_finite() or hour_value <= 0:
        raise ApplicationError(_("The value of an hour must be more than 0."), field="hour_value")
    if hour_value > MAXIMUM_HOUR_VALUE:
        raise ApplicationError(
            _("The value of an hour can be at most %(maximum)s.")
            % {"maximum": number_format(MAXIMUM_HOUR_VALUE, force_grouping=True)},
            field="hour_value",
        )
    if hour_value != hour_value.quantize(Decimal("0.01")):
        raise ApplicationError(_("Use at most two decimals."), field="hour_value")
    settings, _created = DashboardSettings.objects.update_or_create(
        federation=federation, defaults={"hour_value": hour_value}
    )
    return settings
