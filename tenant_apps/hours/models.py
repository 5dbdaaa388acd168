"""Volunteer hours: what the annual report and the national statistics are made of."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tenant_apps.activities.models import Activity, ActivityCategory, Session
from tenant_apps.helprequests.models import Assignment
from tenant_apps.people.models import Volunteer


class HoursEntry(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Waiting for approval")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Not approved")

    # SET_NULL: when a volunteer is deleted their hours stay, anonymised, in every total.
    volunteer = models.ForeignKey(
        Volunteer,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hours",
        verbose_name=_("volunteer"),
    )
    category = models.ForeignKey(
        ActivityCategory,
        on_delete=models.PROTECT,
        related_name="hours",
        verbose_name=_("category"),
    )
    activity = models.ForeignKey(
        Activity,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hours",
        verbose_name=_("activity"),
    )
    session = models.ForeignKey(
        Session, null=True, blank=True, on_delete=models.SET_NULL, related_name="hours"
    )
    assignment = models.ForeignKey(
        Assignment,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hours",
        verbose_name=_("help assignment"),
    )
    date = models.DateField(_("date"))
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=2)
    description = models.CharField(_("what was done"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED
    )
    logged_by_user_id = models.BigIntegerField(null=True, blank=True)
    approved_by_user_id = models.BigIntegerField(null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [
            models.Index(fields=["date", "status"]),
            models.Index(fields=["volunteer", "date"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gt=0) & Q(hours__lte=24), name="hours_between_0_and_24"
            )
        ]
        verbose_name = _("hours")
        verbose_name_plural = _("hours")

    def __str__(self) -> str:
        return f"{self.date} {self.hours} h"
