"""The centre API described: its OpenAPI schema (`schema/`) and Swagger UI (`docs/`).

Swagger UI's files come from drf-spectacular-sidecar, served from our own origin, so the
strict Content-Security-Policy holds: our template (templates/api/swagger_ui.html) gives the
one inline script and style the nonce of the response. Both pages are for the centre's
members, like every address under /api/ (an anonymous visitor gets 401).

config.urls_api includes `urlpatterns` inside the "api" namespace: "api:schema", "api:docs".
"""

from __future__ import annotations

from django.urls import path
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from shared_apps.accounts.access import Policy, RolePolicyPermission
from shared_apps.accounts.roles import CENTRE_MEMBERS


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


class ApiDocsView(SpectacularSwaggerView):
    """GET: the API's documentation, Swagger UI reading the schema above."""

    access_policy = Policy(roles=CENTRE_MEMBERS)
    permission_classes = [RolePolicyPermission]
    template_name = "api/swagger_ui.html"
    url_name = "api:schema"


urlpatterns = [
    path("schema/", ApiSchemaView.as_view(), name="schema"),
    path("docs/", ApiDocsView.as_view(), name="docs"),
]
