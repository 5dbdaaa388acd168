"""Find the centre a request is for, and the language to answer in.

CentreRoutingMiddleware runs first: the platform host gets the platform URLconf in the
shared schema; a centre's host gets the centre URLconf with the connection set to the
centre's schema; any other host gets a 404 page. The connection goes back to the shared
schema when the response is done, so nothing of one centre outlives its request.
"""

from __future__ import annotations

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.http.request import split_domain_port
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import render
from django.utils import translation

from tenants.models import CentreStatus
from tenants.selectors import centre_for_host

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


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
        if centre.status in (CentreStatus.SUSPENDED, CentreStatus.CLOSED):
            return _render_in_request_language(
                request,
                "tenants/centre_unavailable.html",
                {"centre_name": centre.name, "status": centre.status},
                status=410 if centre.status == CentreStatus.CLOSED else 403,
            )
        if centre.status == CentreStatus.READ_ONLY and request.method not in SAFE_METHODS:
            return _render_in_request_language(
                request,
                "tenants/centre_unavailable.html",
                {"centre_name": centre.name, "status": centre.status},
                status=403,
            )
        request.centre = request.tenant = centre
        request.urlconf = settings.ROOT_URLCONF
        connection.set_tenant(centre)
        return self.get_response(request)


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
