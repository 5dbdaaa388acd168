"""The centre's events with registration: the annual volunteer fair (stands for
associations, on an ordered grid), volunteer days and information meetings."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from tenant_apps.associations.models import Association


class Event(models.Model):
    class Kind(models.TextChoices):
        FAIR = "fair", _("Volunteer fair")
        VOLUNTEER_DAY = "volunteer_day", _("Volunteer day")
        INFO_MEETING = "info_meeting", _("Information meeting")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    place = models.CharField(_("place"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    # Places for people; None: as many as come. Stands are counted by the stand grid.
    capacity = models.PositiveIntegerField(_("places for people"), null=True, blank=True)
    is_registration_open = models.BooleanField(_("registration open"), default=True)
    is_public = models.BooleanField(_("shown on the public pages"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="event_ends_after_start",
            ),
        ]
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def __str__(self) -> str:
        return self.title


class Stand(models.Model):
    """A place for one association's stand at a fair, on the fair's grid (row, column)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="stands")
    label = models.CharField(_("stand"), max_length=10)
    row = models.PositiveSmallIntegerField(_("row"))
    column = models.PositiveSmallIntegerField(_("column"))

    class Meta:
        ordering = ["event", "row", "column"]
        constraints = [
            models.UniqueConstraint(fields=["event", "label"], name="stand_label_unique"),
            models.UniqueConstraint(
                fields=["event", "row", "column"], name="stand_position_unique"
            ),
        ]
        verbose_name = _("stand")
        verbose_name_plural = _("stands")

    def __str__(self) -> str:
        return self.label


class Registration(models.Model):
    """A person (with the places they need) or an association (with its stand) registered
    for an event."""

    class Kind(models.TextChoices):
        PERSON = "person", _("Person")
        ASSOCIATION = "association", _("Association")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    kind = models.CharField(_("registered as"), max_length=12, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"))
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    places = models.PositiveSmallIntegerField(_("places"), default=1)
    association = models.ForeignKey(
        Association,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_registrations",
        verbose_name=_("association"),
    )
    stand = models.OneToOneField(
        Stand,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registration",
        verbose_name=_("stand"),
    )
    # The language the person registered in: their confirmation and reminder are in it.
    language = models.CharField(_("language"), max_length=5, default="en")
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    reminder_sent_at = models.DateTimeField(_("reminded"), null=True, blank=True)

    class Meta:
        ordering = ["event", "created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(places__gte=1, places__lte=20), name="registration_places"
            ),
        ]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")

    def __str__(self) -> str:
        return self.name
