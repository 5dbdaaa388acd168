"""Reads of accounts used by more than one caller."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest
from django.http.request import split_domain_port
from django.urls import reverse
from django.utils import timezone

from shared_apps.accounts.access import roles_for
from shared_apps.accounts.models import (
    CentreMembership,
    FederationMembership,
    Invitation,
    MunicipalityViewer,
    User,
)
from shared_apps.accounts.roles import Role
from tenants.models import Centre, Domain


def home_url_for(*, user: User, request: HttpRequest) -> str:
    """Where a person lands after signing in on this host when no page was asked for."""
    centre = getattr(request, "centre", None)
    if centre is not None:
        is_member = CentreMembership.objects.filter(user=user, centre=centre).exists()
        if is_member:
            return "/staff/"
        return reverse("accounts:elsewhere") if user.is_authenticated else "/"
    roles = roles_for(user, request)
    if Role.FEDERATION_ANALYST in roles:
        return reverse("portal:federation_home")
    if Role.MUNICIPALITY_VIEWER in roles:
        return reverse("portal:municipality_home")
    if Role.PLATFORM_OPERATOR in roles:
        return reverse("admin:index")
    if user.is_authenticated:
        # No role on this host: a page that says where the person's work is (wrong host).
        return reverse("accounts:elsewhere")
    return "/"


def _with_request_port(hostname: str, request: HttpRequest) -> str:
    _hostname, port = split_domain_port(request.get_host())
    return f"{hostname}:{port}" if port else hostname


def centre_host(*, centre: Centre, request: HttpRequest) -> str:
    """The centre's primary host name, with the port this request came in on (if any)."""
    domain = Domain.objects.filter(tenant=centre).order_by("-is_primary", "pk").first()
    hostname = domain.domain if domain else f"{centre.slug}.{settings.PLATFORM_DOMAIN}"
    return _with_request_port(hostname, request)


def platform_host(*, request: HttpRequest) -> str:
    """The platform host, with the port this request came in on (if any)."""
    return _with_request_port(settings.PLATFORM_DOMAIN, request)


def account_for_email(email: str) -> User | None:
    """The account that signs in with this e-mail address, if there is one."""
    return User.objects.filter(email__iexact=email.strip()).first()


@dataclass(frozen=True)
class Workspace:
    """A place where a person has a role: its name and the address of its first page."""

    name: str
    url: str
    is_here: bool


def workspaces_for(*, user: User, request: HttpRequest) -> list[Workspace]:
    """Every centre, federation and municipality the person works with, each with a link on
    its own host (so that someone signed in on the wrong host can find the right one)."""
    if not user.is_authenticated:
        return []
    centre = getattr(request, "centre", None)
    scheme = request.scheme
    workspaces = [
        Workspace(
            name=membership.centre.name,
            url=f"{scheme}://{centre_host(centre=membership.centre, request=request)}/staff/",
            is_here=centre is not None and membership.centre_id == centre.pk,
        )
        for membership in CentreMembership.objects.filter(user=user)
        .select_related("centre")
        .order_by("centre__name")
    ]
    platform = f"{scheme}://{platform_host(request=request)}"
    urlconf = settings.PUBLIC_SCHEMA_URLCONF
    for membership in (
        FederationMembership.objects.filter(user=user)
        .select_related("federation")
        .order_by("federation__name")
    ):
        workspaces.append(
            Workspace(
                name=membership.federation.name,
                url=platform + reverse("portal:federation_home", urlconf=urlconf),
                is_here=centre is None,
            )
        )
    for access in (
        MunicipalityViewer.objects.filter(user=user)
        .select_related("municipality")
        .order_by("municipality__name")
    ):
        workspaces.append(
            Workspace(
                name=access.municipality.name,
                url=platform + reverse("portal:municipality_home", urlconf=urlconf),
                is_here=centre is None,
            )
        )
    return workspaces


def invitations_awaiting_approval() -> QuerySet[Invitation]:
    """Manager appointments waiting for a platform operator, the oldest first."""
    return (
        Invitation.objects.filter(
            approval_requested_at__isnull=False,
            approved_at__isnull=True,
            refused_at__isnull=True,
            accepted_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .select_related("centre", "centre__federation", "invited_by")
        .order_by("approval_requested_at", "pk")
    )
