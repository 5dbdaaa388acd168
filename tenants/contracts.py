"""Plain data that crosses from the shared schema into a centre's schema (no Django imports)."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ActivityCategoryDefault:
    code: str
    name_nb: str
    name_da: str
    name_en: str
    position: int


@dataclass(frozen=True)
class CentreDefaults:
    """What a new centre starts with, handed to each CENTRE_PROVISIONING_STEPS entry."""

    centre_name: str
    country: str
    default_language: str
    activity_categories: tuple[ActivityCategoryDefault, ...] = field(default_factory=tuple)
