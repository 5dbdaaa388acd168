from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from tenant_apps.people.models import TargetGroup
from toolkit.bounds import COUNT_MAX, POSITION_MAX
from toolkit.i18n import LocalizedNameMixin


class ActivityCategory(LocalizedNameMixin, models.Model):
    """A category of activities, coded by the federation's national taxonomy; `.name` is
    the name in the reader's language."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name_nb = models.CharField(_("name (Norwegian)"), max_length=100)
    name_da = models.CharField(_("name (Danish)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, validators=[MaxValueValidator(POSITION_MAX)]
    )
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["position", "code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(position__lte=POSITION_MAX),
                name="activity_category_position_bounded",
            )
        ]
        verbose_name = _("activity category")
        verbose_name_plural = _("activity categories")

    def __str__(self) -> str:
        return self.name


class Activity(models.Model):
    """A recurring or one-off activity or meeting place; sessions are generated from it."""

    class Recurrence(models.TextChoices):
        WEEKLY = "weekly", _("Every week")
        BIWEEKLY = "biweekly", _("Every other week")
        MONTHLY = "monthly", _("Every month (same weekday)")
        ONE_OFF = "one_off", _("Once")

    name = models.CharField(_("name"), max_length=200)
    category = models.ForeignKey(
        ActivityCategory,
        on_delete=models.PROTECT,
        related_name="activities",
        verbose_name=_("category"),
    )
    description = models.TextField(_("description"), blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    partner_associations = models.CharField(_("partner associations"), max_length=300, blank=True)
    recurrence = models.CharField(
        _("how often"), max_length=10, choices=Recurrence.choices, default=Recurrence.WEEKLY
    )
    first_date = models.DateField(_("first date"))
    last_date = models.DateField(_("last date"), null=True, blank=True)
    start_time = models.TimeField(_("starts"))
    end_time = models.TimeField(_("ends"))
    requires_certificate = models.BooleanField(_("requires a police certificate"), default=False)
    is_public = models.BooleanField(_("shown on the public pages"), default=True)
    # Whom the activity is for, on the public calendar's filter ("": everyone).
    target_group = models.CharField(
        _("target group"), max_length=30, choices=TargetGroup.choices, blank=True
    )
    is_active = models.BooleanField(_("running"), default=True)
    # Participants sign up for each session on the public site (capacity + waiting list).
    takes_signups = models.BooleanField(_("people sign up on the public site"), default=False)
    signup_places = models.PositiveSmallIntegerField(
        _("places per session for sign-ups"), null=True, blank=True
    )
    calendar_token = models.CharField(max_length=64, unique=True, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_time__gt=models.F("start_time")),
                name="activity_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(last_date__isnull=True)
                | models.Q(last_date__gte=models.F("first_date")),
                name="activity_last_date_after_first",
            ),
            models.CheckConstraint(
                condition=models.Q(takes_signups=False) | models.Q(signup_places__gte=1),
                name="activity_signups_have_places",
            ),
        ]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def __str__(self) -> str:
        return self.name


class Session(models.Model):
    """One occurrence of an activity; a cancelled one is kept as an exception."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="sessions")
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("starts"))
    end_time = models.TimeField(_("ends"))
    is_cancelled = models.BooleanField(_("cancelled"), default=False)
    note = models.CharField(_("note"), max_length=200, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["date", "start_time", "id"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "date"], name="one_session_per_day"),
        ]
        indexes = [models.Index(fields=["date"])]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self) -> str:
        return f"{self.activity} {self.date}"


class Shift(models.Model):
    """A volunteer role in a session (e.g. "host", "driver") with a capacity."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="shifts")
    name = models.CharField(_("role"), max_length=100)
    capacity = models.PositiveSmallIntegerField(_("places"))

    class Meta:
        ordering = ["session", "name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(capacity__gte=1), name="shift_has_at_least_one_place"
            )
        ]
        verbose_name = _("shift")
        verbose_name_plural = _("shifts")

    def __str__(self) -> str:
        return f"{self.session}: {self.name}"


class ShiftSignup(models.Model):
    """A volunteer on a shift, confirmed or on the waiting list (moved up in order)."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITING = "waiting", _("On the waiting list")

    shift = models.ForeignKey(Shift, on_delete=models.CASCADE, related_name="signups")
    # The shift's session, copied from it (a shift never changes session), so that the
    # database itself holds a volunteer to one shift per session, however sign-ups race.
    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="shift_signups", editable=False
    )
    volunteer = models.ForeignKey(
        "people.Volunteer", on_delete=models.CASCADE, related_name="shift_signups"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["shift", "volunteer"], name="one_signup_per_shift"),
            models.UniqueConstraint(fields=["session", "volunteer"], name="one_shift_per_session"),
        ]
        verbose_name = _("shift sign-up")
        verbose_name_plural = _("shift sign-ups")

    def __str__(self) -> str:
        return f"{self.volunteer_id} on {self.shift_id} ({self.status})"


class SessionSignup(models.Model):
    """Someone from the public signed up for a session of an activity that takes sign-ups:
    confirmed while places are free, else on the waiting list (moved up in order). Only the
    centre's staff see it."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITING = "waiting", _("On the waiting list")

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="signups")
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"))
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    # The language the person used on the form: their e-mails are written in it.
    language = models.CharField(max_length=8)
    created_at = models.DateTimeField(_("signed up"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["session", "status"], name="session_signup_status")]
        verbose_name = _("sign-up")
        verbose_name_plural = _("sign-ups")

    def __str__(self) -> str:
        return f"{self.session_id}: {self.pk} ({self.status})"


class Attendance(models.Model):
    """How many came to a session, by age band and target group: counts, never names."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendance")
    age_band = models.CharField(_("age band"), max_length=10)
    target_group = models.CharField(_("target group"), max_length=30, blank=True)
    count = models.PositiveIntegerField(
        _("number of people"), validators=[MaxValueValidator(COUNT_MAX)]
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(count__lte=COUNT_MAX), name="attendance_count_bounded"
            ),
            models.UniqueConstraint(
                fields=["session", "age_band", "target_group"], name="attendance_cell_unique"
            ),
        ]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")

    def __str__(self) -> str:
        return f"{self.session_id} {self.age_band} {self.target_group}: {self.count}"
