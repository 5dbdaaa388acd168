"""Demo data of the volunteer award: last year's round with a published winner, and this
year's round open for nominations with a few of them (one shortlisted)."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from tenant_apps.award.models import AwardRound, Nomination
from tenants.contracts import CentreDemo

TEXTS = {
    "nb": {
        "title": "Ildsjelprisen {year}",
        "description": "Kjenner du en ildsjel som gjør en forskjell for andre her i kommunen? "
        "Nominer vedkommende til årets ildsjelpris.",
        "winner_citation": "For mange år som sjåfør og besøksvenn, og for alltid å stille opp.",
        "nominations": (
            ("Solveig Aune", "Har drevet seniortreffet hver tirsdag i ti år."),
            ("Trond Lie", "Reparerer sykler for barn i nabolaget, helt gratis."),
            ("Amina Mohammed", "Har startet språkkafé og hjelper nye innbyggere til rette."),
            ("Geir Strand", "Organiserer dugnader og rydder strendene hver vår."),
        ),
        "winner": ("Marit Fjeld", "Marit F."),
    },
    "da": {
        "title": "Frivillighedsprisen {year}",
        "description": "Kender du en ildsjæl, der gør en forskel for andre i kommunen? "
        "Indstil vedkommende til årets frivillighedspris.",
        "winner_citation": "For mange år som chauffør og besøgsven, og for altid at stille op.",
        "nominations": (
            ("Grethe Østergaard", "Har drevet seniorcaféen hver tirsdag i ti år."),
            ("Jesper Holm", "Reparerer cykler for børn i kvarteret, helt gratis."),
            ("Fatima Hussein", "Har startet sprogcafé og hjælper nye borgere godt på vej."),
            ("Bent Knudsen", "Organiserer arbejdsdage og rydder strandene hvert forår."),
        ),
        "winner": ("Karen Lund", "Karen L."),
    },
}


def award_demo(centre: CentreDemo, *, write=print) -> None:
    """CENTRE_DEMO_STEPS: two award rounds (keeps a centre that has rounds already)."""
    if AwardRound.objects.exists():
        return
    texts = TEXTS["da" if centre.country == "DK" else "nb"]
    today = timezone.localdate()
    now = timezone.now()
    with transaction.atomic():
        last_year = AwardRound.objects.create(
            title=texts["title"].format(year=today.year - 1),
            description=texts["description"],
            opens_on=today - datetime.timedelta(days=400),
            closes_on=today - datetime.timedelta(days=340),
        )
        name, public_name = texts["winner"]
        Nomination.objects.create(
            award_round=last_year,
            nominee_name=name,
            reason=texts["winner_citation"],
            nominator_name="Demo",
            nominator_email="nominator@example.org",
            language=centre.language,
            status=Nomination.Status.WINNER,
            winner_consent_on=today - datetime.timedelta(days=330),
            public_name=public_name,
            citation=texts["winner_citation"],
            published_at=now - datetime.timedelta(days=325),
        )
        this_year = AwardRound.objects.create(
            title=texts["title"].format(year=today.year),
            description=texts["description"],
            opens_on=today - datetime.timedelta(days=14),
            closes_on=today + datetime.timedelta(days=30),
        )
        for number, (nominee, reason) in enumerate(texts["nominations"]):
            Nomination.objects.create(
                award_round=this_year,
                nominee_name=nominee,
                reason=reason,
                nominator_name=f"Demo {number + 1}",
                nominator_email=f"nominator{number + 1}@example.org",
                language=centre.language,
                status=Nomination.Status.SHORTLISTED if number == 0 else Nomination.Status.RECEIVED,
            )
    write(f"  {centre.slug}: award rounds with nominations and a published winner")
