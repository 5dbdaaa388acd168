"""The OpenAPI schema of the hours API: valid, described, no warnings."""

from __future__ import annotations

import io

from django.conf import settings
from django.core.management import call_command
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema


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
        generator = SchemaGenerator(urlconf=settings.ROOT_URLCONF)
        schema = generator.get_schema(request=None, public=True)
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
