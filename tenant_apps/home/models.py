"""The centre's public face: its profile, opening hours, and the news and pages its staff
write. Nothing here is about a person: the public site shows these rows to anyone."""

from __future__ import annotations

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext_lazy as _

from tenant_apps.home.palette import COLOUR_CHOICES, DEFAULT_COLOURS


class ActivityProfile(models.TextChoices):
    """What kind of centre it is (the three profiles of seed 000)."""

    HELP_CENTRE = "help_centre", _("Help centre: practical help and social measures")
    MEETING_PLACE = "meeting_place", _("Meeting place open to all")
    COMMUNITY_CENTRE = "community_centre", _("Local community centre")


class CentreProfile(models.Model):
    """What the public site says about the centre (one row per schema)."""

    description = models.TextField(_("short description"), max_length=600, blank=True)
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    city = models.CharField(_("town"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    activity_profiles = ArrayField(
        models.CharField(max_length=30, choices=ActivityProfile.choices),
        verbose_name=_("activity profiles"),
        default=list,
        blank=True,
    )
    colours = models.CharField(
        _("colours"), max_length=20, choices=COLOUR_CHOICES, default=DEFAULT_COLOURS
    )
    # The logo lives in the centre's own schema, served by the centre's own host: no file
    # store to keep apart between centres.
    logo = models.BinaryField(_("logo"), null=True, blank=True, editable=False)
    logo_content_type = models.CharField(max_length=20, blank=True, editable=False)
    logo_version = models.PositiveIntegerField(default=0, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            # A logo always has its checked type, and a type always its logo. Spelled as
            # equalities, not `__in`: PostgreSQL prints an IN list differently once the
            # constraint is copied into a new centre (tenants/tests/test_template_schema.py).
            models.CheckConstraint(
                condition=models.Q(logo__isnull=True, logo_content_type="")
                | models.Q(logo__isnull=False, logo_content_type="image/png")
                | models.Q(logo__isnull=False, logo_content_type="image/jpeg")
                | models.Q(logo__isnull=False, logo_content_type="image/webp"),
                name="centre_logo_has_checked_type",
            )
        ]
        verbose_name = _("centre profile")
        verbose_name_plural = _("centre profiles")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)

    @property
    def activity_profile_labels(self) -> list[str]:
        labels = dict(ActivityProfile.choices)
        return [str(labels[code]) for code in self.activity_profiles if code in labels]


class OpeningHours(models.Model):
    """The centre is open on a weekday from `opens` to `closes`; without dates always
    (regular hours), with dates only then (periodic hours, e.g. summer), which replace the
    regular hours of that weekday while they last."""

    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=list(WEEKDAYS.items()))
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))
    valid_from = models.DateField(_("from"), null=True, blank=True)
    valid_until = models.DateField(_("until"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=100, blank=True)

    class Meta:
        ordering = ["valid_from", "weekday", "opens", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes__gt=models.F("opens")), name="opening_closes_after"
            ),
            models.CheckConstraint(
                condition=models.Q(valid_from__isnull=True, valid_until__isnull=True)
                | models.Q(
                    valid_from__isnull=False,
                    valid_until__isnull=False,
                    valid_until__gte=models.F("valid_from"),
                ),
                name="opening_period_complete",
            ),
        ]
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")

    def __str__(self) -> str:
        return f"{self.weekday} {self.opens}-{self.closes}"


class OpeningException(models.Model):
    """A day that differs: closed, or open at other times."""

    date = models.DateField(_("date"), unique=True)
    is_closed = models.BooleanField(_("closed all day"), default=True)
    opens = models.TimeField(_("opens"), null=True, blank=True)
    closes = models.TimeField(_("closes"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=100, blank=True)

    class Meta:
        ordering = ["date"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(is_closed=True)
                | models.Q(opens__isnull=False, closes__gt=models.F("opens")),
                name="opening_exception_times",
            )
        ]
        verbose_name = _("opening exception")
        verbose_name_plural = _("opening exceptions")

    def __str__(self) -> str:
        return str(self.date)


class Post(models.Model):
    """A news item or a simple page, written in Markdown; shown only once published."""

    class Kind(models.TextChoices):
        NEWS = "news", _("News")
        PAGE = "page", _("Page")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("address"), max_length=80)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    body = models.TextField(_("text"), blank=True)
    # The body as sanitised HTML, made when the text is saved (toolkit.markdown).
    body_html = models.TextField(blank=True, editable=False)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published_at", "-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "slug"], name="post_slug_unique_per_kind")
        ]
        verbose_name = _("news item or page")
        verbose_name_plural = _("news and pages")

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.published_at is not None
