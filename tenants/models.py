"""The tenancy model, in the shared schema: federations, municipalities, centres, domains.

A Centre is the django-tenants tenant: it owns one PostgreSQL schema. Centres are made
by tenants.services.centre_provision, never by saving a Centre directly.
"""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_tenants.models import DomainMixin, TenantMixin


class Country(models.TextChoices):
    NORWAY = "NO", _("Norway")
    DENMARK = "DK", _("Denmark")


class Language(models.TextChoices):
    NORWEGIAN_BOKMAL = "nb", _("Norwegian Bokmål")
    DANISH = "da", _("Danish")
    ENGLISH = "en", _("English")


class Currency(models.TextChoices):
    NOK = "NOK", _("Norwegian krone")
    DKK = "DKK", _("Danish krone")


class Federation(models.Model):
    """A national federation of centres, e.g. Norges Frivilligsentraler."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=50, unique=True)
    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    default_language = models.CharField(
        _("default language"), max_length=5, choices=Language.choices
    )
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    time_zone = models.CharField(_("time zone"), max_length=64, default="Europe/Oslo")

    class Meta:
        ordering = ["name"]
        verbose_name = _("federation")
        verbose_name_plural = _("federations")

    def __str__(self) -> str:
        return self.name


class FederationActivityCategory(models.Model):
    """An activity category of a federation's statistics taxonomy; copied into new centres."""

    federation = models.ForeignKey(
        Federation, on_delete=models.CASCADE, related_name="activity_categories"
    )
    code = models.SlugField(_("code"), max_length=50)
    name_nb = models.CharField(_("name (Norwegian)"), max_length=100)
    name_da = models.CharField(_("name (Danish)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["federation", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["federation", "code"], name="federation_activity_category_code_unique"
            )
        ]
        verbose_name = _("federation activity category")
        verbose_name_plural = _("federation activity categories")

    def __str__(self) -> str:
        return f"{self.federation.slug}: {self.code}"


class Municipality(models.Model):
    """A municipality (kommune) with its official number from Statistics Norway / Denmark."""

    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    number = models.CharField(_("official number"), max_length=4)
    name = models.CharField(_("name"), max_length=100)
    county = models.CharField(_("county or region"), max_length=100)

    class Meta:
        ordering = ["country", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["country", "number"], name="municipality_number_unique"
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(country="NO", number__regex=r"^[0-9]{4}$")
                    | models.Q(country="DK", number__regex=r"^[0-9]{3}$")
                ),
                name="municipality_number_format",
            ),
        ]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self) -> str:
        return f"{self.name} ({self.number})"


class OwnershipForm(models.TextChoices):
    MUNICIPAL = "municipal", _("Municipal")
    ASSOCIATION = "association", _("Association")
    FOUNDATION = "foundation", _("Foundation")
    COOPERATIVE = "cooperative", _("Cooperative")


class CentreStatus(models.TextChoices):
    TRIAL = "trial", _("Trial")
    ACTIVE = "active", _("Active")
    PAST_DUE = "past_due", _("Payment past due")
    READ_ONLY = "read_only", _("Read-only")
    SUSPENDED = "suspended", _("Suspended")
    CLOSED = "closed", _("Closed")


slug_validator = RegexValidator(
    r"^[a-z0-9](?:[a-z0-9-]{0,48}[a-z0-9])?$",
    _(
        "Use 1–50 lowercase letters a–z, digits and hyphens, "
        "starting and ending with a letter or digit."
    ),
)


class Centre(TenantMixin):
    """A volunteer centre: one tenant, one schema, served on <slug>.<PLATFORM_DOMAIN>."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.CharField(_("subdomain"), max_length=50, unique=True, validators=[slug_validator])
    federation = models.ForeignKey(
        Federation, on_delete=models.PROTECT, related_name="centres", verbose_name=_("federation")
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="centres",
        verbose_name=_("municipality"),
    )
    regional_network = models.CharField(_("regional network"), max_length=100, blank=True)
    ownership_form = models.CharField(
        _("ownership form"), max_length=20, choices=OwnershipForm.choices
    )
    status = models.CharField(
        _("status"), max_length=20, choices=CentreStatus.choices, default=CentreStatus.TRIAL
    )
    status_changed_at = models.DateTimeField(_("status changed at"))
    # A trial ends on this day (shown to the centre's managers); none: no end set.
    trial_ends_on = models.DateField(_("trial ends on"), null=True, blank=True)
    # A closed centre's data is kept until this day; its managers can export it until then.
    retention_until = models.DateField(_("data kept until"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    # Provisioning clones the template schema inside its own transaction.
    auto_create_schema = False
    auto_drop_schema = False

    class Meta:
        ordering = ["name"]
        verbose_name = _("centre")
        verbose_name_plural = _("centres")

    def __str__(self) -> str:
        return self.name

    @property
    def is_open(self) -> bool:
        return self.status not in {CentreStatus.SUSPENDED, CentreStatus.CLOSED}


class StatusChangeSource(models.TextChoices):
    SYSTEM = "system", _("Platform")
    OPERATOR = "operator", _("Platform operator")
    FEDERATION = "federation", _("Federation")
    BILLING = "billing", _("Billing")


class CentreStatusChange(models.Model):
    """One step in a centre's lifecycle; the first row is its creation."""

    centre = models.ForeignKey(
        Centre, on_delete=models.CASCADE, related_name="status_changes", verbose_name=_("centre")
    )
    from_status = models.CharField(
        _("from status"), max_length=20, choices=CentreStatus.choices, blank=True
    )
    to_status = models.CharField(_("to status"), max_length=20, choices=CentreStatus.choices)
    changed_at = models.DateTimeField(_("changed at"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    source = models.CharField(
        _("changed by"),
        max_length=20,
        choices=StatusChangeSource.choices,
        default=StatusChangeSource.SYSTEM,
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person"),
    )

    class Meta:
        ordering = ["centre", "changed_at", "id"]
        verbose_name = _("centre status change")
        verbose_name_plural = _("centre status changes")

    def __str__(self) -> str:
        return f"{self.from_status or '-'} → {self.to_status} ({self.changed_at:%Y-%m-%d})"


class Domain(DomainMixin):
    """A host name that serves a centre: its <slug>.<PLATFORM_DOMAIN>, or a custom domain."""

    class Meta:
        verbose_name = _("domain")
        verbose_name_plural = _("domains")
