"""One-to-one help: requests from participants, matched with a volunteer and followed up."""

from django.contrib.postgres.fields import ArrayField
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tenant_apps.people.models import Area, Language, Participant, Volunteer
from toolkit.bounds import POSITION_MAX


class RequestType(models.Model):
    """Visiting friend, transport, shopping, digital help … (the centre edits its own list)."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=100)
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, validators=[MaxValueValidator(POSITION_MAX)]
    )
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["position", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(position__lte=POSITION_MAX),
                name="request_type_position_bounded",
            )
        ]
        verbose_name = _("request type")
        verbose_name_plural = _("request types")

    def __str__(self) -> str:
        return self.name


class HelpRequest(models.Model):
    class Status(models.TextChoices):
        NEW = "new", _("New")
        MATCHED = "matched", _("Matched")
        ACTIVE = "active", _("Active")
        PAUSED = "paused", _("Paused")
        CLOSED = "closed", _("Closed")

    class Source(models.TextChoices):
        STAFF = "staff", _("Taken by staff")
        PUBLIC_FORM = "public_form", _("Public form")

    participant = models.ForeignKey(
        Participant,
        on_delete=models.PROTECT,
        related_name="help_requests",
        verbose_name=_("participant"),
    )
    request_type = models.ForeignKey(
        RequestType,
        on_delete=models.PROTECT,
        related_name="help_requests",
        verbose_name=_("type of help"),
    )
    description = models.TextField(_("what is needed"), blank=True)
    area = models.ForeignKey(
        Area, null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("area")
    )
    languages = ArrayField(
        models.CharField(max_length=5, choices=Language.choices),
        verbose_name=_("languages"),
        default=list,
        blank=True,
    )
    requires_certificate = models.BooleanField(_("requires a police certificate"), default=False)
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.STAFF)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.NEW
    )
    opened_at = models.DateTimeField(_("opened"))
    matched_at = models.DateTimeField(_("matched"), null=True, blank=True)
    activated_at = models.DateTimeField(_("active since"), null=True, blank=True)
    paused_at = models.DateTimeField(_("paused"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    # Set when the description, notes and reasons were removed (erasure of the participant,
    # or retention after the request closed): what stays counts only in the statistics.
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)
    created_by_user_id = models.BigIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-opened_at", "-id"]
        indexes = [models.Index(fields=["status", "opened_at"])]
        verbose_name = _("help request")
        verbose_name_plural = _("help requests")

    def __str__(self) -> str:
        return f"{self.request_type} – {self.participant}"


class Assignment(models.Model):
    """A volunteer helping with a request, from a date (until a date when it ended)."""

    help_request = models.ForeignKey(
        HelpRequest, on_delete=models.CASCADE, related_name="assignments"
    )
    # SET_NULL: deleting a volunteer keeps the history of help given, anonymised.
    volunteer = models.ForeignKey(
        Volunteer, null=True, on_delete=models.SET_NULL, related_name="assignments"
    )
    started_on = models.DateField(_("started"))
    ended_on = models.DateField(_("ended"), null=True, blank=True)
    # Free text given with the assignment (the API's `reason`; older rows' suggestion text).
    match_reason = models.CharField(_("why this volunteer"), max_length=300, blank=True)
    # Why the suggestions ranked them, as [{"code", "params"}] (helprequests/matching.py),
    # read in the reader's language.
    match_reasons = models.JSONField(_("why this volunteer"), default=list, blank=True)

    class Meta:
        ordering = ["-started_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["help_request"],
                condition=Q(ended_on__isnull=True),
                name="one_current_assignment_per_request",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="assignment_ends_after_start",
            ),
        ]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")

    def __str__(self) -> str:
        return f"{self.help_request_id}: {self.volunteer_id}"

    @property
    def match_reason_text(self) -> str:
        """Why this volunteer: the assigner's own words when they gave some (as written),
        else the suggestion's reasons in the active language."""
        if self.match_reason or not self.match_reasons:
            return self.match_reason
        from tenant_apps.helprequests.matching import reasons_text

        return reasons_text(self.match_reasons)


class FollowUpNote(models.Model):
    """A coordinator's note on a request; coordinators and managers only."""

    help_request = models.ForeignKey(HelpRequest, on_delete=models.CASCADE, related_name="notes")
    text = models.TextField(_("note"))
    author_user_id = models.BigIntegerField(null=True, blank=True)
    author_label = models.CharField(_("written by"), max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("follow-up note")
        verbose_name_plural = _("follow-up notes")

    def __str__(self) -> str:
        return f"{self.author_label} {self.created_at:%Y-%m-%d}"
