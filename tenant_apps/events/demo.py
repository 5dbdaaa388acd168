"""Demo events of a centre: the volunteer fair with a stand grid and associations at their
stands, an information meeting and a volunteer day, with registrations (called inside the
centre's schema, after the associations' demo step)."""

from __future__ import annotations

import datetime
import random
import string

from django.db import transaction
from django.utils import timezone

from tenant_apps.associations.models import Association
from tenant_apps.events.models import Event, Registration, Stand
from tenants.contracts import CentreDemo
from tenants.current import centre_time_zone, local_moment

TEXTS = {
    "nb": {
        "fair": (
            "Frivillighetsmessa",
            "Lag og foreninger viser seg fram. Kom og finn noe å engasjere deg i!",
            "Samfunnshuset",
        ),
        "info_meeting": (
            "Informasjonsmøte for nye frivillige",
            "Hva betyr det å være frivillig hos oss? Kaffe og en prat.",
            "Frivilligsentralen",
        ),
        "volunteer_day": (
            "Frivilligdagen",
            "Dugnad, aktiviteter og takk til alle frivillige.",
            "Torget",
        ),
        "people": [
            "Anne Lie",
            "Per Hansen",
            "Marte Dahl",
            "Jonas Strand",
            "Eva Moe",
            "Knut Aune",
            "Linn Vik",
            "Ali Hassan",
        ],
    },
    "da": {
        "fair": (
            "Frivillighedsmessen",
            "Foreningerne præsenterer sig. Kom og find noget at engagere dig i!",
            "Borgercentret",
        ),
        "info_meeting": (
            "Informationsmøde for nye frivillige",
            "Hvad vil det sige at være frivillig hos os? Kaffe og en snak.",
            "Frivilligcentret",
        ),
        "volunteer_day": (
            "Frivillighedsdagen",
            "Aktiviteter og tak til alle frivillige.",
            "Axeltorv",
        ),
        "people": [
            "Hanne Møller",
            "Søren Kristensen",
            "Mette Olsen",
            "Jens Poulsen",
            "Birgitte Lund",
            "Omar Ali",
            "Karen Berg",
            "Mads Friis",
        ],
    },
}


def load_demo_events(*, language: str, seed: int) -> None:
    """Three coming events with registrations; does nothing if the centre has events."""
    if Event.objects.exists():
        return
    texts = TEXTS["da" if language == "da" else "nb"]
    rng = random.Random(seed)
    zone = centre_time_zone()
    today = timezone.localdate()

    def moment(days: int, hour: int) -> datetime.datetime:
        return local_moment(today + datetime.timedelta(days=days), datetime.time(hour), zone)

    with transaction.atomic():
        events = {}
        for kind, days, start, end, capacity in (
            ("fair", 35, 11, 16, None),
            ("info_meeting", 12, 18, 20, 30),
            ("volunteer_day", 56, 10, 15, 80),
        ):
            title, description, place = texts[kind]
            events[kind] = Event.objects.create(
                kind=kind,
                title=title,
                description=description,
                place=place,
                starts_at=moment(days, start),
                ends_at=moment(days, end),
                capacity=capacity,
            )
        fair = events["fair"]
        stands = Stand.objects.bulk_create(
            Stand(
                event=fair,
                row=row,
                column=column,
                label=f"{string.ascii_uppercase[row - 1]}{column}",
            )
            for row in range(1, 4)
            for column in range(1, 5)
        )
        listed = Association.objects.filter(status="approved", is_public=True).order_by("name")
        for stand, association in zip(stands, listed[:5], strict=False):
            Registration.objects.create(
                event=fair,
                kind="association",
                name=association.name,
                email=association.email or "post@forening.example",
                association=association,
                stand=stand,
                language=language,
            )
        people = texts["people"]
        for kind, count in (("info_meeting", 6), ("volunteer_day", 8), ("fair", 3)):
            for name in rng.sample(people, count):
                Registration.objects.create(
                    event=events[kind],
                    kind="person",
                    name=name,
                    email=f"{name.split()[0].lower()}@example.org".replace("ø", "o"),
                    places=rng.choice((1, 1, 1, 2)),
                    language=language,
                )


def events_demo(centre: CentreDemo, *, write=print) -> None:
    """CENTRE_DEMO_STEPS: the fair, an information meeting and a volunteer day."""
    load_demo_events(language=centre.language, seed=centre.seed)
