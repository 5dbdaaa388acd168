"""The OpenAPI schema (valid, no warnings from the hours API) and the docs page made from it."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema

DOCS_URLCONF = "tenant_apps.hours.tests.urls_with_api_docs"


def test_spectacular_validates_the_hours_api_with_no_warnings():
    """`manage.py spectacular --validate --fail-on-warn` on the hours endpoints."""
    GENERATOR_STATS.reset()
    output = io.StringIO()
    call_command(
        "spectacular",
        "--validate",
        "--fail-on-warn",
        "--format=openapi-json",
        "--urlconf=tenant_apps.hours.tests.urls_hours_api_only",
        stdout=output,
    )
    assert '"/api/v1/hours/{id}/approve/"' in output.getvalue()
    assert '"centreToken"' in output.getvalue()


def test_the_whole_api_schema_is_valid_and_the_hours_part_warns_of_nothing():
    GENERATOR_STATS.reset()
    with GENERATOR_STATS.silence():
        schema = SchemaGenerator(urlconf=DOCS_URLCONF).get_schema(request=None, public=True)
    problems = [*GENERATOR_STATS._warn_cache, *GENERATOR_STATS._error_cache]
    GENERATOR_STATS.reset()

    validate_schema(schema)
    assert [problem for problem in problems if "tenant_apps/hours/" in problem] == []
    hours = schema["paths"]["/api/v1/hours/"]
    parameters = {parameter["name"] for parameter in hours["get"]["parameters"]}
    assert {"volunteer", "category", "activity", "status", "date_from", "date_to"} <= parameters
    assert {"ordering", "page"} <= parameters
    assert hours["post"]["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/HoursEntryInput"
    }
    assert {"centreToken": []} in hours["get"]["security"]
    assert "year" in {
        p["name"] for p in schema["paths"]["/api/v1/hours/totals/"]["get"]["parameters"]
    }


@pytest.mark.urls(DOCS_URLCONF)
def test_the_schema_is_served_to_centre_members_only(centre_client, volunteer_client):
    assert centre_client.get("/api/v1/schema/").status_code == 401

    yaml = volunteer_client.get("/api/v1/schema/")
    json = volunteer_client.get("/api/v1/schema/", {"format": "json"})

    assert yaml.status_code == 200
    assert yaml.content.startswith(b"openapi: 3.")
    assert "/api/v1/hours/" in json.json()["paths"]


@pytest.mark.urls(DOCS_URLCONF)
def test_the_docs_page_lists_the_endpoints_without_any_script(centre_client, volunteer_client):
    anonymous = centre_client.get("/api/v1/docs/")
    response = volunteer_client.get("/api/v1/docs/")

    assert anonymous.status_code == 401  # like every address under /api/
    assert response.status_code == 200
    html = response.text
    assert "<code>POST /api/v1/hours/</code>" in html
    assert "<code>POST /api/v1/hours/{id}/approve/</code>" in html
    assert "<code>GET /api/v1/hours/totals/</code>" in html
    assert 'href="/api/v1/schema/?format=json"' in html
    assert "Coordinators: whose hours." in html  # a request body field's description
    assert re.findall(r"<script", html) == []
    assert " style=" not in html
