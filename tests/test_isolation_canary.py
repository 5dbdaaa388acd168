"""The canary test: nothing of centre B ever reaches anyone working in centre A.

Centre B gets a unique canary string in every text field it has — its name, its people's
names and e-mails, one row of every tenant model, its API tokens, its invitations — and so
does centre A (so that A's pages have content and a query that forgot its schema would
show B's rows). Then every role of A crawls every page and API list of A, following links,
and no B canary may appear in any body or header. The federation and the municipality
crawl their pages too, and must not see any person's name or e-mail.
"""

from __future__ import annotations

import re
from collections import deque

import pytest
from django.conf import settings
from django_tenants.utils import schema_context

from shared_apps.accounts.models import ApiToken, CentreMembership, User
from shared_apps.devtools.urlwalk import routes
from shared_apps.statistics.pipeline import statistics_update
from tests.canary import seed_tenant_models
from tests.plugin import host_client, sign_in

CANARY_A = "CanaryAlphaQ"
CANARY_B = "CanaryBetaZ"
HREF = re.compile(r'href="(/[^"#?]*)')


# Tenant apps whose rows are about people or their help: nothing of them may reach the
# platform host, where only anonymised figures and what a centre publishes may appear.
PERSONAL_APPS = ("people", "helprequests", "hours", "audit")
# Staff-written lists that the public forms offer to choose from: published by design.
PUBLIC_CATALOGUES = ("helprequests.requesttype", "people.area")


def personal_texts(rows) -> set[str]:
    return {
        value
        for row in rows
        if row._meta.app_label in PERSONAL_APPS and row._meta.label_lower not in PUBLIC_CATALOGUES
        for field in row._meta.concrete_fields
        if isinstance(value := getattr(row, field.attname), str) and "Canary" in value
    }


def seed_centre(centre, canary: str) -> dict[str, User]:
    centre.name = f"{canary}centre"
    centre.regional_network = f"{canary}network"
    centre.save(update_fields=["name", "regional_network"])
    people = {}
    for role in ("centre_admin", "coordinator", "volunteer"):
        user = User.objects.create_user(
            f"{canary.lower()}-{role}@canary.example",
            "demo-password-1",
            full_name=f"{canary}{role}person",
        )
        CentreMembership.objects.create(user=user, centre=centre, role=role)
        ApiToken.objects.create(
            user=user,
            centre=centre,
            name=f"{canary}{role}token",
            key_prefix="dgn_test",
            key_hash=f"{canary}{role}".ljust(64, "0")[:64],
        )
        people[role] = user
    with schema_context(centre.schema_name):
        people["rows"] = seed_tenant_models(canary)
    return people


def crawl(client, start_urls: list[str], limit: int = 150) -> list[tuple[str, int, str]]:
    """GET pages breadth-first from start_urls, following same-host links; returns
    (url, status, body + headers)."""
    seen, queue, pages = set(), deque(start_urls), []
    while queue and len(pages) < limit:
        url = queue.popleft()
        if url in seen or url.startswith(("/account/logout", "/static/", "/i18n/")):
            continue
        seen.add(url)
        response = client.get(url)
        text = response.content.decode(errors="replace")
        headers = "\n".join(f"{k}: {v}" for k, v in response.headers.items())
        pages.append((url, response.status_code, text + "\n" + headers))
        if response.status_code == 200 and "html" in response.get("Content-Type", ""):
            queue.extend(HREF.findall(text))
    return pages


def start_urls(urlconf: str) -> list[str]:
    return [
        route.url
        for route in routes(urlconf)
        if route.policy is not None and not route.policy.is_session_endpoint
    ]


@pytest.fixture
def seeded(centre, other_centre):
    people_a = seed_centre(centre, CANARY_A)
    seed_centre(other_centre, CANARY_B)
    return people_a


@pytest.mark.parametrize("role", ["centre_admin", "coordinator", "volunteer"])
def test_no_trace_of_another_centre_in_any_page_or_api_response(seeded, centre, role):
    client = sign_in(host_client(f"{centre.slug}.{settings.PLATFORM_DOMAIN}"), seeded[role])
    pages = crawl(client, start_urls(settings.ROOT_URLCONF))

    assert len([p for p in pages if p[1] == 200]) >= 3
    assert any(CANARY_A in text for _url, status, text in pages if status == 200), (
        "the crawl saw none of centre A's own data, so it proves nothing"
    )
    for url, _status, text in pages:
        assert CANARY_B not in text, f"centre B's data on {url} for {role} of A"
        assert CANARY_B.lower() not in text, f"centre B's data on {url} for {role} of A"


@pytest.mark.parametrize("who", ["federation_client", "municipality_client"])
def test_federation_and_municipality_never_see_people(request, seeded, who):
    client = request.getfixturevalue(who)
    # The centres' figures, public activities and reports reach the platform host
    statistics_update()
    secrets = personal_texts(seeded["rows"])
    assert len(secrets) >= 10
    pages = crawl(client, start_urls(settings.PUBLIC_SCHEMA_URLCONF))

    assert len([p for p in pages if p[1] == 200]) >= 2
    for url, _status, text in pages:
        # CanaryAlphaQ1 must not match inside CanaryAlphaQ12 (which may be public)
        leaked = {
            secret
            for secret in secrets
            if re.search(re.escape(secret) + r"(?!\d)", text, flags=re.IGNORECASE)
        }
        assert not leaked, f"a centre's personal records on {url}: {leaked}"
        for canary in (CANARY_A, CANARY_B):
            for role in ("centre_admin", "coordinator", "volunteer"):
                assert f"{canary}{role}person" not in text, f"a person's name on {url}"
                assert f"{canary.lower()}-{role}@" not in text, f"a person's e-mail on {url}"


def test_an_anonymous_visitor_of_the_public_site_sees_no_person_and_no_other_centre(
    seeded, centre, centre_client
):
    """The public site (every @public page of the centre's host, and every link on them) as
    a visitor who is not signed in: what staff published is there, no volunteer, participant,
    help request, hour or audit record of the centre is, and nothing of centre B."""
    secrets = personal_texts(seeded["rows"])
    assert len(secrets) >= 10
    public_routes = [
        route.url
        for route in routes(settings.ROOT_URLCONF)
        if route.policy is not None and route.policy.is_public
    ]
    pages = crawl(centre_client, ["/", *public_routes], limit=250)

    shown = [(url, text) for url, status, text in pages if status == 200]
    assert {"/", "/calendar/", "/news/", "/sitemap.xml"} <= {url for url, _text in shown}
    assert any(url.startswith("/calendar/activity/") for url, _text in shown), (
        "the crawl reached no public activity page"
    )
    assert any(CANARY_A in text for url, text in shown if url.startswith("/news/")), (
        "the crawl saw none of centre A's published news, so it proves nothing"
    )
    for url, _status, text in pages:
        leaked = {
            secret
            for secret in secrets
            if re.search(re.escape(secret) + r"(?!\d)", text, flags=re.IGNORECASE)
        }
        assert not leaked, f"a person's records on the public page {url}: {leaked}"
        for role in ("centre_admin", "coordinator", "volunteer"):
            assert f"{CANARY_A}{role}person" not in text, f"a person's name on {url}"
            assert f"{CANARY_A.lower()}-{role}@" not in text, f"a person's e-mail on {url}"
        assert CANARY_B not in text and CANARY_B.lower() not in text, f"centre B on {url}"
