"""Reads of accounts used by more than one caller."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.http.request import split_domain_port
from django.urls import reverse

from shared_apps.accounts.access import roles_for
from shared_apps.accounts.models import CentreMembership, User
from shared_apps.accounts.roles import Role
from tenants.models import Centre, Domain


def home_url_for(*, user: User, request: HttpRequest) -> str:
    """Where a person lands after signing in on this host when no page was asked for."""
    centre = getattr(request, "centre", None)
    if centre is not None:
        is_member = CentreMembership.objects.filter(user=user, centre=centre).exists()
        return "/staff/" if is_member else "/"
    roles = roles_for(user, request)
    if Role.FEDERATION_ANALYST in roles:
        return reverse("portal:federation_home")
    if Role.MUNICIPALITY_VIEWER in roles:
        return reverse("portal:municipality_home")
    if Role.PLATFORM_OPERATOR in roles:
        return reverse("admin:index")
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
