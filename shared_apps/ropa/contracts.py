"""Plain data the RoPA template hands to a centre (no Django imports)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ProcessingActivityDefault:
    """One processing activity as a centre's record starts with it."""

    name: str
    purpose: str
    legal_basis: str
    data_subjects: str
    data_categories: str
    recipients: str
    retention: str
    security_measures: str
