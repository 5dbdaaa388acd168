"""Submitted annual reports, frozen in the shared schema, and where each centre's report of a
year stands.

A snapshot holds what the centre submitted: its narrative, its partner associations and the
year's figures as allow-listed aggregate rows (`shared_apps.statistics.contracts.KEYS`),
never a person. A correction is a new version; earlier versions are kept.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from shared_apps.reports import contracts
from tenants.models import Centre

FIRST_YEAR = 2000


class ReportStatus(models.TextChoices):
    NOT_STARTED = contracts.NOT_STARTED, _("Not started")
    DRAFT = contracts.DRAFT, _("Draft")
    SUBMITTED = contracts.SUBMITTED, _("Submitted")


class AnnualReportStatus(models.Model):
    """Where a centre's report of a year stands. No row: not started."""

    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(_("status"), max_length=12, choices=ReportStatus.choices)
    changed_at = models.DateTimeField(_("changed at"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["centre", "year"], name="annual_report_status_unique"),
            models.CheckConstraint(
                condition=models.Q(year__gte=FIRST_YEAR), name="annual_report_status_year"
            ),
        ]
        indexes = [models.Index(fields=["year", "status"], name="annual_report_status_year_idx")]
        verbose_name = _("annual report status")
        verbose_name_plural = _("annual report statuses")

    def __str__(self) -> str:
        return f"{self.centre_id} {self.year}: {self.status}"


class AnnualReportSnapshot(models.Model):
    """One submitted version of a centre's report of a year, as it was submitted."""

    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    version = models.PositiveSmallIntegerField(_("version"))
    submitted_at = models.DateTimeField(_("submitted at"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    language = models.CharField(_("language"), max_length=5)
    summary = models.TextField(_("introduction and summary"), blank=True)
    highlights = models.TextField(_("highlights of the year"), blank=True)
    cooperation = models.TextField(_("cooperation and partners"), blank=True)
    plans = models.TextField(_("plans for next year"), blank=True)
    # Names of partner associations (organisations, never people), as a list of strings.
    partners = models.JSONField(_("partner associations"), default=list, blank=True)
    # The year's figures: [{"key", "dimension", "month" (ISO date), "value" (decimal text)}].
    figures = models.JSONField(_("figures"), default=list, blank=True)

    class Meta:
        ordering = ["centre", "year", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["centre", "year", "version"], name="annual_report_snapshot_version_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(version__gte=1), name="annual_report_snapshot_version_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(year__gte=FIRST_YEAR), name="annual_report_snapshot_year"
            ),
        ]
        verbose_name = _("annual report snapshot")
        verbose_name_plural = _("annual report snapshots")

    def __str__(self) -> str:
        return f"{self.centre_id} {self.year} v{self.version}"
