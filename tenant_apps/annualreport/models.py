"""The centre's annual report of a year: the sections it writes, and whether it is submitted.

The figures are not stored here: they are computed from the centre's own data by the
statistics collectors while the report is a draft, and frozen in the shared schema
(`shared_apps.reports`) when a manager submits it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

FIRST_YEAR = 2000


class AnnualReport(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    summary = models.TextField(
        _("introduction and summary"),
        blank=True,
        help_text=_("Who you are, what the centre did this year, in a few paragraphs."),
    )
    highlights = models.TextField(
        _("highlights of the year"),
        blank=True,
        help_text=_("New activities, events, milestones, what you are proud of."),
    )
    cooperation = models.TextField(
        _("cooperation and partners"),
        blank=True,
        help_text=_(
            "The municipality, associations, businesses and others you worked with. "
            "The partner associations of this year's activities are listed with it."
        ),
    )
    plans = models.TextField(
        _("plans for next year"), blank=True, help_text=_("What you want to do next year.")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    # The shared account of the manager who submitted (no foreign key across schemas).
    submitted_by_user_id = models.BigIntegerField(_("submitted by (account id)"), null=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(year__gte=FIRST_YEAR), name="annual_report_year_from_2000"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="submitted") | models.Q(submitted_at__isnull=False),
                name="annual_report_submitted_has_time",
            ),
        ]
        verbose_name = _("annual report")
        verbose_name_plural = _("annual reports")

    def __str__(self) -> str:
        return str(self.year)

    @property
    def is_submitted(self) -> bool:
        return self.status == self.Status.SUBMITTED
