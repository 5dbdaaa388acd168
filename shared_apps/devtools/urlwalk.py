"""Every URL pattern of a URLconf, with an example address and the view's declared policy."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

from shared_apps.accounts.access import Policy, policy_of

EXAMPLE_VALUES = {
    "int": "1",
    "str": "example",
    "slug": "example",
    "path": "example",
    "uuid": str(uuid.UUID(int=1)),
}
CONVERTER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")


@dataclass(frozen=True)
class Route:
    url: str
    name: str
    namespace: str
    policy: Policy | None
    view: object

    @property
    def is_admin(self) -> bool:
        return self.namespace == "admin"

    @property
    def is_api(self) -> bool:
        return self.url.startswith("/api/")

    def __str__(self) -> str:
        return f"{self.namespace + ':' if self.namespace else ''}{self.name} {self.url}"


def _example(route: str) -> str | None:
    if "(?P<" in route or "^" in route or "$" in route:
        return None  # a regular expression (Django admin's app index, etc.)
    return CONVERTER.sub(lambda m: EXAMPLE_VALUES.get(m["converter"] or "str", "example"), route)


def routes(urlconf: str) -> list[Route]:
    """All concrete routes; regular-expression routes (Django admin's) are left out."""
    found: list[Route] = []

    def walk(patterns, prefix: str, namespace: str) -> None:
        for entry in patterns:
            part = _example(str(entry.pattern))
            if part is None:
                continue
            if isinstance(entry, URLResolver):
                inner = namespace
                if entry.namespace:
                    inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
                walk(entry.url_patterns, prefix + part, inner)
            elif isinstance(entry, URLPattern):
                found.append(
                    Route(
                        url="/" + prefix + part,
                        name=entry.name or "",
                        namespace=namespace,
                        policy=policy_of(entry.callback),
                        view=entry.callback,
                    )
                )

    walk(get_resolver(urlconf).url_patterns, "", "")
    return found
