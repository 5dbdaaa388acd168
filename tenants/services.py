"""Every write to the tenancy model: federations, centre provisioning and lifecycle."""

from __future__ import annotations

import datetime
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
    StatusChangeSource,
)
from tenants.schema_clone import clone_schema
from tenants.taxonomy import DEFAULT_ACTIVITY_CATEGORIES
from toolkit.emails import send_templated_email
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


class LifecycleError(ApplicationError):
    """A centre's status could not be changed as asked."""


# Statuses a person must confirm on a second page before they take effect.
CONFIRMED_STATUSES = frozenset({CentreStatus.SUSPENDED, CentreStatus.CLOSED})


def centre_change_status(
    *,
    centre: Centre,
    to_status: str,
    note: str = "",
    source: str = StatusChangeSource.SYSTEM,
    changed_by=None,
    retention_until: datetime.date | None = None,
    trial_ends_on: datetime.date | None = None,
    notify: bool = False,
    centre_url: str = "",
) -> Centre:
    """Move a centre to another lifecycle status, record who did it and why, and (notify=True)
    e-mail the centre's managers once the change is committed.

    A person (operator or federation) must give a reason; closing keeps the data until
    `retention_until` (default: CENTRE_CLOSED_RETENTION_DAYS from today), which must lie ahead.
    """
    if to_status not in CentreStatus.values:
        raise LifecycleError(_("Unknown status."), field="status")
    note = note.strip()
    if len(note) > 300:
        raise LifecycleError(_("Keep the reason to 300 characters."), field="note")
    if source in (StatusChangeSource.OPERATOR, StatusChangeSource.FEDERATION) and not note:
        raise LifecycleError(_("Give a reason: the centre's managers will read it."), field="note")
    today = timezone.localdate()
    if to_status == CentreStatus.CLOSED:
        retention_until = retention_until or today + datetime.timedelta(
            days=settings.CENTRE_CLOSED_RETENTION_DAYS
        )
        if retention_until <= today:
            raise LifecycleError(
                _("The data must be kept until a day after today."), field="retention_until"
            )
    now = timezone.now()
    with transaction.atomic():
        # One change at a time per centre: two operators (or billing and an operator) at once
        # would otherwise both record a step from the same old status.
        locked = Centre.objects.select_for_update().get(pk=centre.pk)
        if locked.status == to_status and to_status != CentreStatus.TRIAL:
            centre.status = locked.status
            return centre
        CentreStatusChange.objects.create(
            centre=locked,
            from_status=locked.status,
            to_status=to_status,
            changed_at=now,
            note=note,
            source=source,
            changed_by=changed_by,
        )
        centre.status = to_status
        centre.status_changed_at = now
        update_fields = ["status", "status_changed_at"]
        if to_status == CentreStatus.CLOSED:
            centre.retention_until = retention_until
            update_fields.append("retention_until")
        elif centre.retention_until is not None:
            centre.retention_until = None
            update_fields.append("retention_until")
        if to_status == CentreStatus.TRIAL and trial_ends_on is not None:
            centre.trial_ends_on = trial_ends_on
            update_fields.append("trial_ends_on")
        centre.save(update_fields=update_fields)
        if notify:
            change_id = CentreStatusChange.objects.filter(centre=locked).latest("id").pk
            transaction.on_commit(
                lambda: centre_status_notify(status_change_id=change_id, centre_url=centre_url)
            )
    return centre


def centre_status_notify(*, status_change_id: int, centre_url: str = "") -> int:
    """E-mail a status change to the centre's managers, each in their language; returns how
    many were sent."""
    from shared_apps.accounts.models import CentreMembership
    from shared_apps.accounts.roles import Role

    change = CentreStatusChange.objects.select_related("centre__federation").get(
        pk=status_change_id
    )
    centre = change.centre
    managers = CentreMembership.objects.filter(
        centre=centre, role=Role.CENTRE_ADMIN, user__is_active=True
    ).select_related("user")
    sent = 0
    for membership in managers:
        user = membership.user
        send_templated_email(
            to=user.email,
            template_prefix="tenants/emails/status_changed",
            context={
                "centre": centre,
                "change": change,
                "status_url": f"{centre_url or 'https://' + centre_domain(centre.slug)}"
                "/centre/status/",
            },
            language=user.preferred_language or centre.federation.default_language,
        )
        sent += 1
    return sent
