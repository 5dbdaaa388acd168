"""Every write to the tenancy model: federations, centre provisioning and lifecycle."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django_tenants.utils import schema_context, schema_exists

from config.database import SCHEMA_NAME_PATTERN
from tenants.contracts import ActivityCategoryDefault, CentreDefaults
from tenants.models import (
    Centre,
    CentreStatus,
    CentreStatusChange,
    Domain,
    Federation,
    FederationActivityCategory,
    Municipality,
    OwnershipForm,
)
from tenants.schema_clone import clone_schema
from tenants.taxonomy import DEFAULT_ACTIVITY_CATEGORIES
from toolkit.errors import ApplicationError

SLUG_PATTERN = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,48}[a-z0-9])?$")
# Host names the platform keeps for itself; no centre may take them.
RESERVED_SLUGS = frozenset(
    {
        "www",
        "api",
        "admin",
        "static",
        "media",
        "public",
        "platform",
        "app",
        "mail",
        "smtp",
        "ftp",
        "dugnad",
        "help",
        "support",
        "status",
        "docs",
        "billing",
        "login",
        "auth",
        "account",
        "accounts",
        "federation",
        "federations",
        "municipality",
        "template",
        "centre-template",
        "test",
        "dev",
        "staging",
        "assets",
        "cdn",
    }
)
SCHEMA_PREFIX = "c_"
TRANSLITERATION = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "ä": "a", "ö": "o", "ü": "u"})


class ProvisioningError(ApplicationError):
    """A centre could not be created; nothing was left behind."""


@dataclass(frozen=True)
class ProvisionedCentre:
    centre: Centre
    domain: str


def slug_from_name(name: str) -> str:
    """Turn a place name into a subdomain: 'Sør-Varanger' -> 'sor-varanger'."""
    text = name.strip().lower().translate(TRANSLITERATION)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return text[:50].strip("-")


def schema_name_for(slug: str) -> str:
    schema_name = SCHEMA_PREFIX + slug.replace("-", "_")
    if not SCHEMA_NAME_PATTERN.match(schema_name):
        raise ProvisioningError(_("This subdomain cannot be used."), field="slug")
    return schema_name


def centre_domain(slug: str) -> str:
    return f"{slug}.{settings.PLATFORM_DOMAIN}"


def federation_create(
    *,
    name: str,
    slug: str,
    country: str,
    default_language: str,
    currency: str,
    time_zone: str,
) -> Federation:
    """Create a federation with the national activity taxonomy as its default categories."""
    with transaction.atomic():
        federation = Federation.objects.create(
            name=name,
            slug=slug,
            country=country,
            default_language=default_language,
            currency=currency,
            time_zone=time_zone,
        )
        FederationActivityCategory.objects.bulk_create(
            FederationActivityCategory(
                federation=federation,
                code=category.code,
                name_nb=category.name_nb,
                name_da=category.name_da,
                name_en=category.name_en,
                position=category.position,
            )
            for category in DEFAULT_ACTIVITY_CATEGORIES
        )
    return federation


def _validate_slug(slug: str) -> None:
    if not SLUG_PATTERN.match(slug):
        raise ProvisioningError(
            _(
                "“%(slug)s” is not a valid subdomain: use 1–50 lowercase letters a–z, digits "
                "and hyphens, starting and ending with a letter or digit."
            )
            % {"slug": slug},
            field="slug",
        )
    if slug in RESERVED_SLUGS:
        raise ProvisioningError(
            _("The subdomain “%(slug)s” is reserved by the platform.") % {"slug": slug},
            field="slug",
        )
    if (
        Centre.objects.filter(slug=slug).exists()
        or Domain.objects.filter(domain=centre_domain(slug)).exists()
    ):
        raise ProvisioningError(
            _("The subdomain “%(slug)s” is already taken.") % {"slug": slug}, field="slug"
        )


def _centre_defaults(centre: Centre) -> CentreDefaults:
    federation = centre.federation
    return CentreDefaults(
        centre_name=centre.name,
        country=federation.country,
        default_language=federation.default_language,
        activity_categories=tuple(
            ActivityCategoryDefault(
                code=category.code,
                name_nb=category.name_nb,
                name_da=category.name_da,
                name_en=category.name_en,
                position=category.position,
            )
            for category in federation.activity_categories.all()
        ),
    )


def centre_provision(
    *,
    name: str,
    slug: str,
    federation_slug: str,
    municipality_number: str,
    ownership_form: str = OwnershipForm.ASSOCIATION,
    regional_network: str = "",
    status: str = CentreStatus.TRIAL,
) -> ProvisionedCentre:
    """Create a centre ready to use: its row, its domain and its schema with defaults.

    Everything happens in one transaction (PostgreSQL DDL is transactional), so a
    failure at any step leaves no row, domain or schema behind.
    """
    name = name.strip()
    slug = slug.strip().lower()
    if not name:
        raise ProvisioningError(_("A centre needs a name."), field="name")
    _validate_slug(slug)
    schema_name = schema_name_for(slug)
    try:
        federation = Federation.objects.get(slug=federation_slug)
    except Federation.DoesNotExist:
        raise ProvisioningError(
            _("There is no federation “%(federation)s”.") % {"federation": federation_slug},
            field="federation",
        ) from None
    try:
        municipality = Municipality.objects.get(
            country=federation.country, number=municipality_number
        )
    except Municipality.DoesNotExist:
        raise ProvisioningError(
            _("There is no municipality number %(number)s in %(country)s.")
            % {"number": municipality_number, "country": federation.get_country_display()},
            field="municipality",
        ) from None
    if ownership_form not in OwnershipForm.values:
        raise ProvisioningError(_("Unknown ownership form."), field="ownership_form")
    if status not in CentreStatus.values:
        raise ProvisioningError(_("Unknown status."), field="status")
    if schema_exists(schema_name):
        raise ProvisioningError(
            _("The subdomain “%(slug)s” is already taken.") % {"slug": slug}, field="slug"
        )

    now = timezone.now()
    try:
        with transaction.atomic():
            centre = Centre.objects.create(
                schema_name=schema_name,
                name=name,
                slug=slug,
                federation=federation,
                municipality=municipality,
                regional_network=regional_network.strip(),
                ownership_form=ownership_form,
                status=status,
                status_changed_at=now,
            )
            CentreStatusChange.objects.create(centre=centre, to_status=status, changed_at=now)
            domain = Domain.objects.create(
                domain=centre_domain(slug), tenant=centre, is_primary=True
            )
            clone_schema(settings.TENANT_BASE_SCHEMA, schema_name)
            defaults = _centre_defaults(centre)
            with schema_context(schema_name):
                for step in settings.CENTRE_PROVISIONING_STEPS:
                    import_string(step)(defaults)
    except IntegrityError:
        # Two provisionings raced for the same subdomain; the loser rolled back whole.
        raise ProvisioningError(
            _("The subdomain “%(slug)s” is already taken.") % {"slug": slug}, field="slug"
        ) from None
    finally:
        connection.set_schema_to_public()
    return ProvisionedCentre(centre=centre, domain=domain.domain)


def centre_change_status(*, centre: Centre, to_status: str, note: str = "") -> Centre:
    """Move a centre to another lifecycle status and record when."""
    if to_status not in CentreStatus.values:
        raise ApplicationError(_("Unknown status."), field="status")
    if centre.status == to_status:
        return centre
    now = timezone.now()
    with transaction.atomic():
        CentreStatusChange.objects.create(
            centre=centre,
            from_status=centre.status,
            to_status=to_status,
            changed_at=now,
            note=note,
        )
        centre.status = to_status
        centre.status_changed_at = now
        centre.save(update_fields=["status", "status_changed_at"])
    return centre
