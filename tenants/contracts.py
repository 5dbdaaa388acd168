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


@dataclass(frozen=True)
class CentreDemo:
    """A demo centre to fill, handed to each CENTRE_DEMO_STEPS entry inside its schema."""

    centre_id: int
    slug: str
    name: str
    country: str
    language: str
    size: float  # relative to an average centre (1.0: ≈110 volunteers, ≈7,000 hours a year)
    seed: int  # the same centre gets the same data on every fresh database
