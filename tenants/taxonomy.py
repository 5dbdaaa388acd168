"""The national statistics taxonomy (NFS's activity categories), used as a new federation's
default. Each federation can edit its own list; new centres copy their federation's."""

from tenants.contracts import ActivityCategoryDefault

DEFAULT_ACTIVITY_CATEGORIES: tuple[ActivityCategoryDefault, ...] = tuple(
    ActivityCategoryDefault(code=code, name_nb=nb, name_da=da, name_en=en, position=position)
    for position, (code, nb, da, en) in enumerate(
        [
            (
                "social-meeting-places",
                "Sosiale møteplasser",
                "Sociale mødesteder",
                "Social meeting places",
            ),
            (
                "one-to-one-help",
                "En-til-en-hjelp og tjenester",
                "En-til-en-hjælp og service",
                "One-to-one help and services",
            ),
            (
                "physical-activity",
                "Fysisk aktivitet og friluftsliv",
                "Fysisk aktivitet og friluftsliv",
                "Physical activity and outdoor life",
            ),
            (
                "inclusion",
                "Inkludering og integrering",
                "Inklusion og integration",
                "Inclusion and integration",
            ),
            ("events", "Arrangementer", "Arrangementer", "Events"),
            ("courses", "Kurs og opplæring", "Kurser og undervisning", "Courses and teaching"),
            (
                "crafts-music",
                "Håndverk, hobby, musikk og sang",
                "Håndværk, hobby, musik og sang",
                "Crafts, hobby, music and singing",
            ),
            (
                "lending-reuse",
                "Utlån, gjenbruk og reparasjon",
                "Udlån, genbrug og reparation",
                "Lending, reuse and repair",
            ),
            ("other", "Annet", "Andet", "Other"),
        ],
        start=1,
    )
)
