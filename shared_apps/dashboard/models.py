"""The federation dashboard's own setting: what an hour of volunteer work is worth."""

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from tenants.models import Federation

# The value of an hour of volunteer work when a federation has not set its own, per currency.
DEFAULT_HOUR_VALUES = {"NOK": Decimal("500"), "DKK": Decimal("200")}
FALLBACK_HOUR_VALUE = Decimal("500")
MAXIMUM_HOUR_VALUE = Decimal("100000")


class DashboardSettings(models.Model):
    """One federation's dashboard settings."""

    federation = models.OneToOneField(
        Federation, on_delete=models.CASCADE, related_name="+", verbose_name=_("federation")
    )
    hour_value = models.DecimalField(_("value of one hour"), max_digits=10, decimal_places=2)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hour_value__gt=0) & models.Q(hour_value__lte=MAXIMUM_HOUR_VALUE),
                name="dashboard_hour_value_range",
            )
        ]
        verbose_name = _("dashboard settings")
        verbose_name_plural = _("dashboard settings")

    def __str__(self) -> str:
        return f"{self.federation_id}: {self.hour_value}"
