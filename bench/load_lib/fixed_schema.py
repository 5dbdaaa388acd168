"""Bench only: tenant routing replaced by one fixed schema, to measure what tenancy costs.

In place of tenants.middleware.CentreRoutingMiddleware: the platform host is served as
before; every other host is served by the one centre BENCH_FIXED_SCHEMA names, loaded once
per process, without looking the host up in the Domain table, and the connection is not
set back to the shared schema after the response. Never use this outside bench/load.
"""

from __future__ import annotations

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.http.request import split_domain_port

from tenants.models import Centre


class FixedSchemaMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.centre: Centre | None = None

    def __call__(self, request: HttpRequest) -> HttpResponse:
        hostname, _port = split_domain_port(request.get_host())
        request.centre = request.tenant = None
        if hostname == settings.PLATFORM_DOMAIN:
            connection.set_schema_to_public()
            request.urlconf = settings.PUBLIC_SCHEMA_URLCONF
            return self.get_response(request)
        if self.centre is None:
            connection.set_schema_to_public()
            self.centre = Centre.objects.select_related("federation", "municipality").get(
                schema_name=settings.BENCH_FIXED_SCHEMA
            )
        request.centre = request.tenant = self.centre
        request.urlconf = settings.ROOT_URLCONF
        connection.set_tenant(self.centre)
        return self.get_response(request)
