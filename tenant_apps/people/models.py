"""The people of a centre: volunteers and the participants they help, with the records the
law asks for (police certificate seen, confidentiality declaration, consents).

Everything here is personal data and stays in the centre's schema. Statistics leave only
as counts (age bands, target groups), never as rows.
"""

from django.contrib.postgres.fields import ArrayField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class AgeBand(models.TextChoices):
    UNDER_18 = "0_17", _("Under 18")
    YOUNG_ADULT = "18_29", _("18–29")
    ADULT = "30_59", _("30–59")
    SENIOR = "60_79", _("60–79")
    ELDERLY = "80_plus", _("80 and over")
    UNKNOWN = "unknown", _("Not given")


class TargetGroup(models.TextChoices):
    YOUNG_ADULTS = "young_adults", _("Young adults 18–29")
    SENIORS = "seniors", _("Seniors 60+")
    IMMIGRANT_BACKGROUND = "immigrant_background", _("Immigrant background")
    DISABILITY = "disability", _("People with disabilities")
    FAMILIES = "families", _("Families with children")
    LONELY = "lonely", _("People experiencing loneliness")


class Language(models.TextChoices):
    NORWEGIAN = "nb", _("Norwegian")
    DANISH = "da", _("Danish")
    ENGLISH = "en", _("English")
    ARABIC = "ar", _("Arabic")
    SOMALI = "so", _("Somali")
    TIGRINYA = "ti", _("Tigrinya")
    UKRAINIAN = "uk", _("Ukrainian")
    POLISH = "pl", _("Polish")
    PERSIAN = "fa", _("Persian")
    TURKISH = "tr", _("Turkish")
    SPANISH = "es", _("Spanish")
    GERMAN = "de", _("German")
    SWEDISH = "sv", _("Swedish")
    NORTHERN_SAMI = "se", _("Northern Sami")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class PartOfDay(models.TextChoices):
    MORNING = "morning", _("Morning")
    AFTERNOON = "afternoon", _("Afternoon")
    EVENING = "evening", _("Evening")


class Skill(models.Model):
    """A skill or interest a centre tracks (the centre edits its own list)."""

    class Kind(models.TextChoices):
        SKILL = "skill", _("Skill")
        INTEREST = "interest", _("Interest")

    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.SKILL)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["kind", "name"]
        constraints = [models.UniqueConstraint(fields=["kind", "name"], name="skill_unique")]
        verbose_name = _("skill or interest")
        verbose_name_plural = _("skills and interests")

    def __str__(self) -> str:
        return self.name


class Area(models.Model):
    """A part of the municipality that volunteers can cover (the centre edits its own list)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("area")
        verbose_name_plural = _("areas")

    def __str__(self) -> str:
        return self.name


class Volunteer(models.Model):
    class Status(models.TextChoices):
        # Offered to volunteer on the public form; staff accept (active) or decline (deleted).
        APPLIED = "applied", _("Applied, waiting for an answer")
        ACTIVE = "active", _("Active")
        PAUSED = "paused", _("Paused")
        ENDED = "ended", _("Ended")

    class Source(models.TextChoices):
        STAFF = "staff", _("Registered by staff")
        PUBLIC_FORM = "public_form", _("Public form")

    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    age_band = models.CharField(
        _("age band"), max_length=10, choices=AgeBand.choices, default=AgeBand.UNKNOWN
    )
    languages = ArrayField(
        models.CharField(max_length=5, choices=Language.choices),
        verbose_name=_("languages"),
        default=list,
        blank=True,
    )
    skills = models.ManyToManyField(
        Skill, verbose_name=_("skills and interests"), blank=True, related_name="volunteers"
    )
    areas = models.ManyToManyField(
        Area, verbose_name=_("areas"), blank=True, related_name="volunteers"
    )
    start_date = models.DateField(_("start date"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    source = models.CharField(
        _("registered through"), max_length=20, choices=Source.choices, default=Source.STAFF
    )
    # What an applicant wrote on the public form about what they would like to do.
    application_text = models.TextField(_("what they would like to do"), blank=True)
    # The shared account this volunteer signs in with (accounts.User id), if any.
    account_user_id = models.BigIntegerField(null=True, blank=True, unique=True)
    # Secret for the personal calendar feed (iCal); a new one revokes the old address.
    calendar_token = models.CharField(max_length=64, unique=True, null=True, blank=True)
    # Set when the volunteer's personal data was erased (GDPR): the row stays, without a name,
    # so that hours, assignments and statistics keep counting them (tenant_apps.privacy).
    erased_at = models.DateTimeField(_("erased"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["last_name", "first_name", "id"]
        indexes = [models.Index(fields=["status"])]
        verbose_name = _("volunteer")
        verbose_name_plural = _("volunteers")

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        name = f"{self.first_name} {self.last_name}".strip()
        # Only erasure leaves a volunteer without a name (services require one); the name
        # fields, not erased_at, decide, so that lists loading `.only(names)` stay one query.
        return name or _("Erased volunteer %(number)s") % {"number": self.pk}


class AvailabilitySlot(models.Model):
    """When a volunteer can usually help: a weekday and a part of the day."""

    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="availability")
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    part_of_day = models.CharField(_("part of day"), max_length=10, choices=PartOfDay.choices)

    class Meta:
        ordering = ["weekday", "part_of_day"]
        constraints = [
            models.UniqueConstraint(
                fields=["volunteer", "weekday", "part_of_day"], name="availability_slot_unique"
            )
        ]
        verbose_name = _("availability")
        verbose_name_plural = _("availability")

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.get_part_of_day_display()}"


class PoliceCertificateRecord(models.Model):
    """That a police certificate was shown — never the certificate itself."""

    class Kind(models.TextChoices):
        POLITIATTEST = "politiattest", _("Police certificate (politiattest)")
        BORNEATTEST = "borneattest", _("Child certificate (børneattest)")

    volunteer = models.ForeignKey(
        Volunteer, on_delete=models.CASCADE, related_name="certificate_records"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    seen_on = models.DateField(_("seen on"))
    seen_by_user_id = models.BigIntegerField(null=True, blank=True)
    seen_by_label = models.CharField(_("seen by"), max_length=200)
    renew_by = models.DateField(_("renew by"))

    class Meta:
        ordering = ["-seen_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(renew_by__gt=models.F("seen_on")),
                name="certificate_renewal_after_seen",
            )
        ]
        verbose_name = _("police certificate record")
        verbose_name_plural = _("police certificate records")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.seen_on}"


class ConfidentialityDeclaration(models.Model):
    volunteer = models.ForeignKey(
        Volunteer, on_delete=models.CASCADE, related_name="confidentiality_declarations"
    )
    signed_on = models.DateField(_("signed on"))
    version = models.CharField(_("version"), max_length=30)

    class Meta:
        ordering = ["-signed_on", "-id"]
        verbose_name = _("confidentiality declaration")
        verbose_name_plural = _("confidentiality declarations")

    def __str__(self) -> str:
        return f"{self.version} ({self.signed_on})"


class Participant(models.Model):
    """Someone who receives help or joins activities: as little data as the work needs.

    Target groups are recorded only with the person's explicit consent (a Consent with
    purpose TARGET_GROUPS that is not withdrawn); services enforce it.
    """

    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    age_band = models.CharField(
        _("age band"), max_length=10, choices=AgeBand.choices, default=AgeBand.UNKNOWN
    )
    target_groups = ArrayField(
        models.CharField(max_length=30, choices=TargetGroup.choices),
        verbose_name=_("target groups"),
        default=list,
        blank=True,
    )
    area = models.ForeignKey(
        Area, null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("area")
    )
    # Set when the participant's personal data was erased (GDPR); their help requests stay,
    # anonymised, for the statistics (tenant_apps.privacy).
    erased_at = models.DateTimeField(_("erased"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["last_name", "first_name", "id"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")

    def __str__(self) -> str:
        name = f"{self.first_name} {self.last_name}".strip()
        # Only erasure leaves a participant without a name (see Volunteer.full_name).
        return name or _("Erased participant %(number)s") % {"number": self.pk}

    @property
    def full_name(self) -> str:
        # Audit and help-request messages name participants like volunteers.
        return str(self)


class Consent(models.Model):
    """A consent given for one purpose, by a volunteer or a participant (GDPR)."""

    class Purpose(models.TextChoices):
        REGISTRATION = "registration", _("Keeping my details to organise volunteering")
        CONTACT = "contact", _("Being contacted by e-mail and text message")
        HEALTH_DATA = "health_data", _("Recording health information needed for help")
        TARGET_GROUPS = "target_groups", _("Recording target groups for anonymous statistics")
        PHOTOS = "photos", _("Photos on the centre's pages")

    volunteer = models.ForeignKey(
        Volunteer, null=True, blank=True, on_delete=models.CASCADE, related_name="consents"
    )
    participant = models.ForeignKey(
        Participant, null=True, blank=True, on_delete=models.CASCADE, related_name="consents"
    )
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices)
    given_on = models.DateField(_("given on"))
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    recorded_by_label = models.CharField(_("recorded by"), max_length=200, blank=True)

    class Meta:
        ordering = ["purpose", "-given_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(volunteer__isnull=False, participant__isnull=True)
                    | Q(volunteer__isnull=True, participant__isnull=False)
                ),
                name="consent_belongs_to_one_person",
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gte=models.F("given_on")),
                name="consent_withdrawn_after_given",
            ),
        ]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")

    def __str__(self) -> str:
        return self.get_purpose_display()

    @property
    def is_active(self) -> bool:
        return self.withdrawn_on is None


class CentreSettings(models.Model):
    """The centre's own settings (one row per schema)."""

    reminder_lead_hours = models.PositiveSmallIntegerField(
        _("send reminders this many hours before"),
        default=24,
        validators=[MinValueValidator(1), MaxValueValidator(24 * 14)],
    )
    certificate_validity_months = models.PositiveSmallIntegerField(
        _("police certificates are valid for (months)"), default=36
    )
    confidentiality_version = models.CharField(
        _("current confidentiality declaration version"), max_length=30, default="2026-1"
    )
    # The window of plausible dates (activities, session plans, hours, volunteers' start):
    # a typo such as year 0001 or 2206 is refused instead of stored (docs/adr/0012).
    date_window_years_back = models.PositiveSmallIntegerField(
        _("dates may lie this many years back"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    date_window_years_ahead = models.PositiveSmallIntegerField(
        _("dates may lie this many years ahead"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
    )

    class Meta:
        verbose_name = _("centre settings")
        verbose_name_plural = _("centre settings")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)
