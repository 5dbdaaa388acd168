"""The demo data set: two federations and their centres on real municipalities, one
account for each role, all with the same password, and each centre filled by the tenant
apps' own demo steps (settings.CENTRE_DEMO_STEPS)."""

import zlib
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tenants.utils import get_public_schema_name, schema_context

from shared_apps.accounts.models import (
    CentreMembership,
    FederationMembership,
    MunicipalityViewer,
    User,
)
from shared_apps.accounts.roles import Role
from tenants.contracts import CentreDemo
from tenants.models import Centre, Federation, Municipality, OwnershipForm
from tenants.services import centre_provision, federation_create, slug_from_name


@dataclass(frozen=True)
class DemoFederation:
    slug: str
    name: str
    country: str
    language: str
    currency: str
    time_zone: str
    centre_name: str  # with {place}
    municipality_numbers: tuple[str, ...]


NORWAY = DemoFederation(
    slug="nfs",
    name="Norges Frivilligsentraler",
    country="NO",
    language="nb",
    currency="NOK",
    time_zone="Europe/Oslo",
    centre_name="{place} Frivilligsentral",
    municipality_numbers=(
        "5027",
        "5605",
        "5001",
        "4601",
        "1103",
        "4204",
        "5501",
        "1804",
        "1508",
        "3405",
        "3403",
        "3407",
        "1506",
        "5503",
        "5601",
        "5006",
        "5037",
        "5025",
        "5059",
        "1824",
        "4005",
        "4203",
        "3909",
        "4621",
    ),
)
DENMARK = DemoFederation(
    slug="frise",
    name="Frivilligcentre & Selvhjælp Danmark",
    country="DK",
    language="da",
    currency="DKK",
    time_zone="Europe/Copenhagen",
    centre_name="Frivilligcenter {place}",
    municipality_numbers=("706", "370", "751", "461", "851", "265"),
)
OWNERSHIP_CYCLE = [
    OwnershipForm.MUNICIPAL,
    OwnershipForm.ASSOCIATION,
    OwnershipForm.ASSOCIATION,
    OwnershipForm.FOUNDATION,
    OwnershipForm.COOPERATIVE,
]


def load_demo_data(*, write=print) -> None:
    """Create what is missing of the demo data set; what exists is kept as it is."""
    for demo in (NORWAY, DENMARK):
        federation = Federation.objects.filter(slug=demo.slug).first() or federation_create(
            name=demo.name,
            slug=demo.slug,
            country=demo.country,
            default_language=demo.language,
            currency=demo.currency,
            time_zone=demo.time_zone,
        )
        for index, number in enumerate(demo.municipality_numbers):
            municipality = Municipality.objects.get(country=demo.country, number=number)
            place = municipality.name.split(" - ")[0]
            slug = slug_from_name(place)
            if Centre.objects.filter(slug=slug).exists():
                continue
            centre_provision(
                name=demo.centre_name.format(place=place),
                slug=slug,
                federation_slug=federation.slug,
                municipality_number=number,
                ownership_form=OWNERSHIP_CYCLE[index % len(OWNERSHIP_CYCLE)],
                regional_network=municipality.county,
                status="active",
            )
            write(f"  created {slug}")
    load_demo_accounts(write=write)
    load_centre_demos(write=write)
    for step in settings.DEMO_DATA_STEPS:
        import_string(step)(write=write)


# Size of a centre relative to the average, by its place in the list (varied, repeatable).
SIZE_FACTORS = (1.0, 0.6, 1.4, 0.8, 1.2, 0.5, 1.6, 0.9, 1.1, 0.7)


def load_centre_demos(*, write=print) -> None:
    """Run settings.CENTRE_DEMO_STEPS inside every centre's schema, in order; each step
    keeps what the centre already has."""
    steps = [import_string(step) for step in settings.CENTRE_DEMO_STEPS]
    centres = (
        Centre.objects.exclude(schema_name=get_public_schema_name())
        .select_related("federation")
        .order_by("slug")
    )
    for index, centre in enumerate(centres):
        demo = CentreDemo(
            centre_id=centre.pk,
            slug=centre.slug,
            name=centre.name,
            country=centre.federation.country,
            language=centre.federation.default_language,
            size=SIZE_FACTORS[index % len(SIZE_FACTORS)],
            seed=zlib.crc32(centre.slug.encode()),
        )
        with schema_context(centre.schema_name):
            for step in steps:
                step(demo, write=write)
        write(f"  demo content in {centre.slug}")


# --- Demo accounts ------------------------------------------------------------------------
# Printed by `manage.py demo` and listed in the README. Two-factor authentication is off in
# the demo (TWO_FACTOR_REQUIRED defaults to false) and on in production.
DEMO_PASSWORD = "dugnad-demo-2026"


@dataclass(frozen=True)
class DemoAccount:
    email: str
    full_name: str
    role: str
    centre_slug: str = ""
    federation_slug: str = ""
    municipality: tuple[str, str] | None = None  # (country, official number)

    def sign_in_url(self, *, port: str) -> str:
        host = settings.PLATFORM_DOMAIN
        if self.centre_slug:
            host = f"{self.centre_slug}.{host}"
        return f"http://{host}:{port}/account/login/"


DEMO_ACCOUNTS = (
    DemoAccount(
        "leder@midtre-gauldal.demo.dugnad.no",
        "Ingrid Haugen",
        Role.CENTRE_ADMIN,
        centre_slug="midtre-gauldal",
    ),
    DemoAccount(
        "koordinator@midtre-gauldal.demo.dugnad.no",
        "Ola Berg",
        Role.COORDINATOR,
        centre_slug="midtre-gauldal",
    ),
    DemoAccount(
        "frivillig@midtre-gauldal.demo.dugnad.no",
        "Kari Nilsen",
        Role.VOLUNTEER,
        centre_slug="midtre-gauldal",
    ),
    DemoAccount(
        "leder@naestved.demo.dugnad.dk", "Mette Jensen", Role.CENTRE_ADMIN, centre_slug="naestved"
    ),
    DemoAccount(
        "koordinator@naestved.demo.dugnad.dk",
        "Lars Nielsen",
        Role.COORDINATOR,
        centre_slug="naestved",
    ),
    DemoAccount(
        "frivillig@naestved.demo.dugnad.dk", "Sofie Hansen", Role.VOLUNTEER, centre_slug="naestved"
    ),
    DemoAccount(
        "forening@midtre-gauldal.demo.dugnad.no",
        "Tone Rønning",
        Role.ASSOCIATION_CONTACT,
        centre_slug="midtre-gauldal",
    ),
    DemoAccount(
        "forening@naestved.demo.dugnad.dk",
        "Peter Madsen",
        Role.ASSOCIATION_CONTACT,
        centre_slug="naestved",
    ),
    DemoAccount(
        "admin@nfs.demo.dugnad.no", "Nora Fjeld", Role.FEDERATION_ADMIN, federation_slug="nfs"
    ),
    DemoAccount(
        "admin@frise.demo.dugnad.dk",
        "Anders Holm",
        Role.FEDERATION_ADMIN,
        federation_slug="frise",
    ),
    DemoAccount(
        "kommune@midtre-gauldal.demo.dugnad.no",
        "Siri Moen",
        Role.MUNICIPALITY_VIEWER,
        municipality=("NO", "5027"),
    ),
    DemoAccount("operator@demo.dugnad.no", "Platform Operator", Role.PLATFORM_OPERATOR),
)


def _demo_user(account: DemoAccount) -> tuple[User, bool]:
    user = User.objects.filter(email__iexact=account.email).first()
    if user is not None:
        return user, False
    if account.role == Role.PLATFORM_OPERATOR:
        user = User.objects.create_superuser(
            account.email, DEMO_PASSWORD, full_name=account.full_name
        )
    else:
        user = User.objects.create_user(account.email, DEMO_PASSWORD, full_name=account.full_name)
    return user, True


def load_demo_accounts(*, write=print) -> None:
    """Create the demo accounts and their roles that are missing; existing ones are kept
    (a password changed in the demo stays changed)."""
    with transaction.atomic():
        for account in DEMO_ACCOUNTS:
            user, created = _demo_user(account)
            if account.centre_slug:
                centre = Centre.objects.filter(slug=account.centre_slug).first()
                if centre is None:
                    continue
                CentreMembership.objects.get_or_create(
                    user=user, centre=centre, defaults={"role": account.role}
                )
            elif account.federation_slug:
                federation = Federation.objects.filter(slug=account.federation_slug).first()
                if federation is None:
                    continue
                FederationMembership.objects.get_or_create(
                    user=user, federation=federation, defaults={"role": account.role}
                )
            elif account.municipality is not None:
                country, number = account.municipality
                MunicipalityViewer.objects.get_or_create(
                    user=user, municipality=Municipality.objects.get(country=country, number=number)
                )
            if created:
                write(f"  created account {account.email}")


def demo_accounts_table(*, port: str = "8000") -> list[tuple[str, str, str]]:
    """(role, where to sign in, e-mail) for every demo account."""
    return [
        (str(Role(account.role).label), account.sign_in_url(port=port), account.email)
        for account in DEMO_ACCOUNTS
    ]


# --- Access: an API token in use, a manager appointment waiting for an operator ----------

DEMO_TOKENS = (
    # (account, token name, lifetime in days, last used this long ago)
    ("koordinator@midtre-gauldal.demo.dugnad.no", "Vaktliste-synk", 90, timedelta(hours=2)),
    ("koordinator@naestved.demo.dugnad.dk", "Vagtplan-synk", 365, timedelta(days=3)),
)
DEMO_APPOINTMENT = (
    # A federation asks for a second manager of a centre that has one: it waits for the
    # operator (operator@demo.dugnad.no, /operator/appointments/ on the platform host).
    "admin@nfs.demo.dugnad.no",
    "midtre-gauldal",
    "ny.leder@midtre-gauldal.demo.dugnad.no",
)


def load_access_demo(*, write=print) -> None:
    """A coordinator's API token with its expiry and last use (the "API tokens" page) in the
    two demo centres, and a manager appointment waiting for the platform operator."""
    from shared_apps.accounts import tokens
    from shared_apps.accounts.models import ApiToken, Invitation
    from shared_apps.accounts.services import invitation_send

    now = timezone.now()
    for email, name, days, used_ago in DEMO_TOKENS:
        membership = (
            CentreMembership.objects.filter(user__email=email).select_related("user").first()
        )
        if membership is None or ApiToken.objects.filter(user=membership.user, name=name).exists():
            continue
        token, _key = tokens.api_token_create(
            user_id=membership.user_id,
            centre_id=membership.centre_id,
            name=name,
            two_factor_passed=True,
            lifetime_days=days,
        )
        ApiToken.objects.filter(pk=token.pk).update(
            created_at=now - used_ago - timedelta(days=7), last_used_at=now - used_ago
        )
        write(f"  API token {name!r} for {email}")
    inviter_email, centre_slug, invitee = DEMO_APPOINTMENT
    inviter = User.objects.filter(email=inviter_email).first()
    centre = Centre.objects.filter(slug=centre_slug).first()
    if inviter is None or centre is None or Invitation.objects.filter(email=invitee).exists():
        return
    invitation = invitation_send(
        invited_by=inviter,
        email=invitee,
        role=Role.CENTRE_ADMIN,
        host=f"{centre.slug}.{settings.PLATFORM_DOMAIN}",
        language=centre.federation.default_language,
        centre=centre,
    )
    if invitation.awaits_approval:
        write(f"  manager appointment for {centre.slug} waiting for the operator")
