"""Find the centre a request is for, and the language to answer in.

CentreRoutingMiddleware runs first: the platform host gets the platform URLconf in the
shared schema; a centre's host gets the centre URLconf with the connection set to the
centre's schema; any other host gets a 404 page. The connection goes back to the shared
schema when the response is done, so nothing of one centre outlives its request.
"""

from __future__ import annotations

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.request import split_domain_port
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from tenants.models import CentreStatus
from tenants.selectors import centre_for_host

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# What a person may still POST to a centre that keeps its data readable (read_only, closed
# before its retention date): their own session — sign in and out, two-factor, language.
SESSION_WRITES = frozenset(
    {
        "accounts:login",
        "accounts:logout",
        "accounts:password_reset",
        "accounts:password_reset_confirm",
        "set_language",
    }
)
SESSION_WRITE_NAMESPACES = frozenset({"two_factor"})


def centre_is_reachable(centre) -> bool:
    """Whether the centre's host serves pages: not when suspended, nor when closed past the
    day its data is kept until."""
    if centre.status == CentreStatus.SUSPENDED:
        return False
    if centre.status == CentreStatus.CLOSED:
        return centre.retention_until is not None and (
            timezone.localdate() <= centre.retention_until
        )
    return True


def centre_is_read_only(centre) -> bool:
    """Read, export and sign in and out, but no other write: read_only, and closed (until its
    data is deleted)."""
    return centre.status in (CentreStatus.READ_ONLY, CentreStatus.CLOSED)


def _is_session_write(request: HttpRequest) -> bool:
    try:
        match = resolve(request.path_info, urlconf=getattr(request, "urlconf", None))
    except Resolver404:
        return False
    return match.view_name in SESSION_WRITES or bool(
        set(match.namespaces) & SESSION_WRITE_NAMESPACES
    )


def _render_in_request_language(
    request: HttpRequest, template: str, context: dict, status: int
) -> HttpResponse:
    with translation.override(translation.get_language_from_request(request)):
        return render(request, template, context, status=status)


class CentreRoutingMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        connection.set_schema_to_public()
        try:
            return self._route(request)
        finally:
            connection.set_schema_to_public()

    def _route(self, request: HttpRequest) -> HttpResponse:
        hostname, _port = split_domain_port(request.get_host())
        request.centre = request.tenant = None
        if hostname == settings.PLATFORM_DOMAIN:
            request.urlconf = settings.PUBLIC_SCHEMA_URLCONF
            return self.get_response(request)

        centre = centre_for_host(hostname) if hostname else None
        if centre is None:
            return _render_in_request_language(
                request, "tenants/unknown_host.html", {"hostname": hostname}, status=404
            )
        if not centre_is_reachable(centre):
            return _render_in_request_language(
                request,
                "tenants/centre_unavailable.html",
                {"centre_name": centre.name, "status": centre.status},
                status=410 if centre.status == CentreStatus.CLOSED else 403,
            )
        request.centre = request.tenant = centre
        request.urlconf = settings.ROOT_URLCONF
        connection.set_tenant(centre)
        return self.get_response(request)


class CentreWriteGuardMiddleware:
    """On a read-only (or closed) centre, refuse every write but the person's own session with
    a page that says why, in their language, with their menu. Runs after authentication and
    the language."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        centre = getattr(request, "centre", None)
        if (
            centre is None
            or request.method in SAFE_METHODS
            or not centre_is_read_only(centre)
            or _is_session_write(request)
        ):
            return self.get_response(request)
        if request.path_info.startswith("/api/"):
            return JsonResponse({"detail": read_only_message(centre)}, status=403)
        return render(
            request,
            "tenants/centre_read_only.html",
            {"status": centre.status, "back_url": _same_host_referer(request)},
            status=403,
        )


def read_only_message(centre) -> str:
    if centre.status == CentreStatus.CLOSED:
        return _("This centre is closed: you can read and export its data, but not change it.")
    return _("This centre is read-only for now: you can read and export, but not change anything.")


def _same_host_referer(request: HttpRequest) -> str:
    referer = request.META.get("HTTP_REFERER", "")
    if referer and url_has_allowed_host_and_scheme(referer, allowed_hosts={request.get_host()}):
        return referer
    return "/"


class LanguageMiddleware(LocaleMiddleware):
    """The language chosen in this browser; else the signed-in person's preference; else, on
    a centre's host, its federation's language; else the browser's. Runs after
    authentication."""

    def process_request(self, request: HttpRequest) -> None:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _name in settings.LANGUAGES}
        centre = getattr(request, "centre", None)
        user = getattr(request, "user", None)
        preferred = getattr(user, "preferred_language", "") if user is not None else ""
        if chosen in supported:
            language = chosen
        elif preferred in supported:
            language = preferred
        elif centre is not None:
            language = centre.federation.default_language
        else:
            language = translation.get_language_from_request(request)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
