"""A centre's GDPR housekeeping: its retention rules, the reminders sent to inactive
volunteers, and its record of processing activities (GDPR art. 30)."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class RetentionRules(models.Model):
    """How long the centre keeps personal data (one row per centre; defaults from the brief:
    closed help requests 5 years, volunteers inactive 24 months reminded, then 3 months;
    what people gave on public forms 12 months after it was over)."""

    help_request_years = models.PositiveSmallIntegerField(
        _("anonymise closed help requests after (years)"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
    )
    volunteer_inactive_months = models.PositiveSmallIntegerField(
        _("remind volunteers inactive for (months)"),
        default=24,
        validators=[MinValueValidator(6), MaxValueValidator(120)],
    )
    volunteer_notice_months = models.PositiveSmallIntegerField(
        _("then anonymise them after (months)"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(24)],
    )
    public_form_months = models.PositiveSmallIntegerField(
        _("anonymise sign-ups, event registrations and nominations after (months)"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_(
            "Counted from the session, the end of the event or the close of the award round. "
            "A winner who agreed to be published is kept."
        ),
    )
    is_automatic = models.BooleanField(
        _("apply the rules every night"),
        default=True,
        help_text=_("When off, nothing is anonymised until a manager runs the rules."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("retention rules")
        verbose_name_plural = _("retention rules")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)


class InactivityNotice(models.Model):
    """That a volunteer was told they will be anonymised unless they take part again."""

    volunteer = models.OneToOneField(
        "people.Volunteer", on_delete=models.CASCADE, related_name="inactivity_notice"
    )
    sent_at = models.DateTimeField(_("reminded"))
    # Their last day of taking part when reminded: taking part after it cancels the notice.
    last_active_on = models.DateField(_("last active"))
    emailed = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("inactivity reminder")
        verbose_name_plural = _("inactivity reminders")

    def __str__(self) -> str:
        return f"{self.volunteer_id} {self.sent_at:%Y-%m-%d}"


class ProcessingActivity(models.Model):
    """One entry of the centre's record of processing activities (behandlingsprotokoll /
    fortegnelse), first copied from the federation's template, then the centre's own."""

    position = models.PositiveSmallIntegerField(_("position"), default=0)
    name = models.CharField(_("processing activity"), max_length=200)
    purpose = models.TextField(_("purpose"))
    legal_basis = models.TextField(_("legal basis"))
    data_subjects = models.TextField(_("categories of people"))
    data_categories = models.TextField(_("categories of personal data"))
    recipients = models.TextField(_("recipients"), blank=True)
    retention = models.TextField(_("how long it is kept"))
    security_measures = models.TextField(_("security measures"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("processing activity")
        verbose_name_plural = _("processing activities")

    def __str__(self) -> str:
        return self.name
