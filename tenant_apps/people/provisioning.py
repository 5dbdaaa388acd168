"""Defaults a new centre starts with (a CENTRE_PROVISIONING_STEPS entry)."""

from tenant_apps.people.models import CentreSettings, Skill
from tenants.contracts import CentreDefaults

# A first list of skills and interests in the centre's language; the centre edits its own.
# These are the centre's data (stored in its language), not interface text to translate.
DEFAULT_SKILLS: dict[str, dict[str, tuple[str, ...]]] = {
    "nb": {
        Skill.Kind.SKILL: (
            "Bilkjøring",
            "Digital hjelp",
            "Hagearbeid",
            "Leksehjelp",
            "Matlaging",
            "Norsktrening",
            "Småreparasjoner",
        ),
        Skill.Kind.INTEREST: (
            "Besøksvenn",
            "Friluftsliv",
            "Håndarbeid",
            "Musikk og sang",
            "Turgåing",
        ),
    },
    "da": {
        Skill.Kind.SKILL: (
            "Bilkørsel",
            "Digital hjælp",
            "Havearbejde",
            "Lektiehjælp",
            "Madlavning",
            "Dansktræning",
            "Små reparationer",
        ),
        Skill.Kind.INTEREST: ("Besøgsven", "Friluftsliv", "Håndarbejde", "Musik og sang", "Gåture"),
    },
    "en": {
        Skill.Kind.SKILL: (
            "Driving",
            "Digital help",
            "Gardening",
            "Homework help",
            "Cooking",
            "Language practice",
            "Small repairs",
        ),
        Skill.Kind.INTEREST: (
            "Visiting friend",
            "Outdoor life",
            "Crafts",
            "Music and singing",
            "Walks",
        ),
    },
}


def install_people_defaults(defaults: CentreDefaults) -> None:
    """Give a new centre its settings row and a first list of skills and interests in its
    language. Safe to run again: what exists is kept."""
    if not CentreSettings.objects.exists():
        CentreSettings.objects.create()
    language = defaults.default_language if defaults.default_language in DEFAULT_SKILLS else "en"
    existing = set(Skill.objects.values_list("kind", "name"))
    Skill.objects.bulk_create(
        Skill(kind=kind, name=name)
        for kind, names in DEFAULT_SKILLS[language].items()
        for name in names
        if (kind, name) not in existing
    )
