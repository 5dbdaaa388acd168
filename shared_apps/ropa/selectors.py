"""Reading federations' RoPA templates."""

from __future__ import annotations

from dataclasses import dataclass

from shared_apps.accounts.models import FederationMembership
from shared_apps.accounts.roles import Role
from shared_apps.ropa.contracts import ProcessingActivityDefault
from shared_apps.ropa.defaults import DEFAULTS
from shared_apps.ropa.models import ProcessingActivityTemplate
from tenants.models import Federation


@dataclass(frozen=True)
class FederationTemplate:
    federation: Federation
    entries: list[ProcessingActivityTemplate]
    # Shown while the federation has written no entries: what its centres get instead.
    built_in: tuple[ProcessingActivityDefault, ...]


def administered_federations(*, user) -> list[Federation]:
    """The federations the person administers, by name."""
    return [
        membership.federation
        for membership in FederationMembership.objects.filter(user=user, role=Role.FEDERATION_ADMIN)
        .select_related("federation")
        .order_by("federation__name")
    ]


def federation_templates(*, user) -> list[FederationTemplate]:
    """Each administered federation's template (its own entries, or the built-in one)."""
    federations = administered_federations(user=user)
    entries: dict[int, list] = {federation.pk: [] for federation in federations}
    for entry in ProcessingActivityTemplate.objects.filter(federation__in=federations).order_by(
        "position", "id"
    ):
        entries[entry.federation_id].append(entry)
    return [
        FederationTemplate(
            federation=federation,
            entries=entries[federation.pk],
            built_in=()
            if entries[federation.pk]
            else DEFAULTS.get(federation.default_language, DEFAULTS["en"]),
        )
        for federation in federations
    ]


def template_entry(*, user, entry_id: int) -> ProcessingActivityTemplate | None:
    """One entry of a template the person administers, or None."""
    return (
        ProcessingActivityTemplate.objects.filter(
            pk=entry_id, federation__in=administered_federations(user=user)
        )
        .select_related("federation")
        .first()
    )
