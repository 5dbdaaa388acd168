"""The centre API's schema and documentation page (config.api_docs): for the centre's
members only, served from our own origin under the strict Content-Security-Policy."""

from __future__ import annotations

import re

from django.test.utils import override_settings


def test_the_schema_is_served_to_centre_members_only(centre_client, volunteer_client):
    assert centre_client.get("/api/v1/schema/").status_code == 401

    yaml = volunteer_client.get("/api/v1/schema/")
    json = volunteer_client.get("/api/v1/schema/", {"format": "json"})

    assert yaml.status_code == 200
    assert yaml.content.startswith(b"openapi: 3.")
    assert "/api/v1/hours/" in json.json()["paths"]
    assert "centreToken" in json.json()["components"]["securitySchemes"]


@override_settings(TWO_FACTOR_REQUIRED=False)
def test_the_docs_page_is_swagger_ui_from_our_origin_with_the_nonce(
    centre_client, volunteer_client
):
    anonymous = centre_client.get("/api/v1/docs/")
    response = volunteer_client.get("/api/v1/docs/")

    assert anonymous.status_code == 401  # like every address under /api/
    assert response.status_code == 200
    html = response.content.decode()
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    scripts = re.findall(r"<script[^>]*>", html)
    assert len(scripts) == 3
    assert all(f'nonce="{nonce}"' in script for script in scripts)
    assert all(f'nonce="{nonce}"' in style for style in re.findall(r"<style[^>]*>", html))
    assert " style=" not in html
    assert '/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js"' in html
    assert "https://" not in html  # no file from a CDN
    assert '"/api/v1/schema/"' in html
