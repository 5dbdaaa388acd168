"""The OpenAPI schema of the centre API and a documentation page made from it.

Why not Swagger UI or Redoc: drf-spectacular loads both from a CDN unless the
drf-spectacular-sidecar package is installed, and our Content-Security-Policy allows scripts
and styles only from our own origin (Redoc also injects inline styles). So the schema is
served as YAML or JSON (`schema/`, for tools and code generators) and the docs page
(`docs/`) is rendered on the server from that same schema: no script at all, translated
page chrome, readable with a screen reader and on a phone.

Include `urlpatterns` inside the "api" namespace (config.urls_api):
`path("", include("tenant_apps.hours.api_docs"))` gives "api:schema" and "api:docs".
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from django.conf import settings
from django.shortcuts import render
from django.urls import path
from django.utils.translation import get_language, override
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.settings import spectacular_settings
from drf_spectacular.views import SpectacularAPIView

from shared_apps.accounts.access import Policy, RolePolicyPermission, allow
from shared_apps.accounts.roles import CENTRE_MEMBERS

HTTP_METHODS = ("get", "post", "put", "patch", "delete")


class CentreTokenScheme(OpenApiAuthenticationExtension):
    """Describes the centre API tokens (`Authorization: Bearer …`) in the schema."""

    # A dotted path, so this module needs no import of the accounts internals.
    target_class = "shared_apps.accounts.api_auth.CentreTokenAuthentication"
    name = "centreToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": (
                "An API token made on the centre's “API tokens” page, valid on that centre's "
                "host only, acting with its owner's role."
            ),
        }


class ApiSchemaView(SpectacularAPIView):
    """GET: the OpenAPI 3 schema of this API (YAML; `?format=json` for JSON)."""

    access_policy = Policy(roles=CENTRE_MEMBERS)
    permission_classes = [RolePolicyPermission]


# --- The documentation page ------------------------------------------------------------------


@dataclass(frozen=True)
class Parameter:
    name: str
    location: str
    type: str
    required: bool
    description: str


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    anchor: str
    summary: str
    description: str
    parameters: list[Parameter]
    body: list[Parameter]
    responses: list[tuple[str, str]]
    security: list[str]


@dataclass
class Group:
    name: str
    operations: list[Operation] = field(default_factory=list)


def _ref_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def _type_label(schema: dict) -> str:
    if not schema:
        return ""
    if "$ref" in schema:
        return _ref_name(schema["$ref"])
    if "allOf" in schema and len(schema["allOf"]) == 1:
        return _type_label(schema["allOf"][0])
    if "oneOf" in schema:
        return " | ".join(_type_label(option) for option in schema["oneOf"])
    kind = schema.get("type", "object")
    if kind == "array":
        return f"array of {_type_label(schema.get('items', {}))}"
    label = f"{kind} ({schema['format']})" if "format" in schema else kind
    if "enum" in schema:
        label += ": " + ", ".join(str(value) for value in schema["enum"] if value not in ("", None))
    if schema.get("nullable"):
        label += ", null"
    return label


def _component(schema: dict, components: dict) -> dict:
    if "$ref" in schema:
        return components.get(_ref_name(schema["$ref"]), {})
    return schema


def _body(operation: dict, components: dict) -> list[Parameter]:
    content = operation.get("requestBody", {}).get("content", {})
    media = content.get("application/json") or next(iter(content.values()), {})
    schema = _component(media.get("schema", {}), components)
    required = set(schema.get("required", []))
    return [
        Parameter(
            name=name,
            location="body",
            type=_type_label(prop),
            required=name in required,
            description=prop.get("description", ""),
        )
        for name, prop in schema.get("properties", {}).items()
        if not prop.get("readOnly")
    ]


def _operation(method: str, url: str, operation: dict, components: dict) -> Operation:
    return Operation(
        method=method.upper(),
        path=url,
        anchor=operation.get("operationId", f"{method}-{url}"),
        summary=operation.get("summary", ""),
        description=operation.get("description", ""),
        parameters=[
            Parameter(
                name=parameter["name"],
                location=parameter["in"],
                type=_type_label(parameter.get("schema", {})),
                required=parameter.get("required", False),
                description=parameter.get("description", ""),
            )
            for parameter in operation.get("parameters", [])
        ],
        body=_body(operation, components),
        responses=[
            (code, response.get("description", ""))
            for code, response in operation.get("responses", {}).items()
        ],
        security=sorted({name for entry in operation.get("security", []) for name in entry}),
    )


@functools.lru_cache(maxsize=8)
def _schema(language: str, urlconf: str) -> dict:
    """The schema as the generator makes it (cached: it holds no centre's data)."""
    generator = SchemaGenerator(urlconf=urlconf)
    with override(language), GENERATOR_STATS.silence():
        return generator.get_schema(request=None, public=True)


def api_groups(schema: dict) -> list[Group]:
    """The schema's operations grouped by their first path segment after the version."""
    components = schema.get("components", {}).get("schemas", {})
    groups: dict[str, Group] = {}
    for url, item in sorted(schema.get("paths", {}).items()):
        segments = [part for part in url.split("/") if part]
        name = segments[2] if len(segments) > 2 else url
        group = groups.setdefault(name, Group(name=name))
        for method in HTTP_METHODS:
            if method in item:
                group.operations.append(_operation(method, url, item[method], components))
    return list(groups.values())


@allow(CENTRE_MEMBERS)
def api_docs(request):
    """The centre API's documentation, rendered on the server from its OpenAPI schema."""
    schema = _schema(get_language() or settings.LANGUAGE_CODE, settings.ROOT_URLCONF)
    return render(
        request,
        "hours/api_docs.html",
        {
            "title": spectacular_settings.TITLE,
            "version": spectacular_settings.VERSION,
            "groups": api_groups(schema),
        },
    )


urlpatterns = [
    path("schema/", ApiSchemaView.as_view(), name="schema"),
    path("docs/", api_docs, name="docs"),
]
