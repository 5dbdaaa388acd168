"""Believable help requests for a demo centre: a year of requests of every type and status,
matched with the centre's volunteers, with follow-up notes.

Run inside a centre's schema, after the people demo data (volunteers, areas, participants)
exists. Rows are written directly with their historical dates (the services stamp "now");
the rules the services hold are kept here too: a request that requires a police
certificate only gets volunteers with a valid one, and each request has at most one
current assignment, which ends when the request closes.
"""

from __future__ import annotations

import datetime
import random

from django.db import connection, transaction
from django.utils import timezone

from tenant_apps.helprequests.certificates import valid_certificate_exists
from tenant_apps.helprequests.models import Assignment, FollowUpNote, HelpRequest, RequestType
from tenant_apps.helprequests.provisioning import install_request_types
from tenant_apps.helprequests.services import help_request_create
from tenant_apps.people.models import AgeBand, Area, Consent, Language, Participant, Volunteer
from tenant_apps.people.services import participant_create
from tenants.contracts import CentreDefaults, CentreDemo
from toolkit.actors import PUBLIC_VISITOR

Status = HelpRequest.Status

DESCRIPTIONS = {
    "nb": {
        "visiting-friend": [
            "Ønsker besøk en gang i uka, liker å prate om hage og gamle dager.",
            "Bor alene etter at ektefellen døde, vil gjerne ha noen å drikke kaffe med.",
            "Ønsker selskap til å spille kort eller se på bilder.",
        ],
        "transport": [
            "Trenger skyss til legen og tilbake, ca. en gang i måneden.",
            "Skyss til fysioterapi på tirsdager.",
            "Trenger følge til sykehuset for kontroll.",
        ],
        "shopping": [
            "Handlehjelp en gang i uka, handleliste ligger klar.",
            "Trenger hjelp til å bære varer hjem fra butikken.",
        ],
        "digital-help": [
            "Vil lære å bruke BankID og nettbank på mobilen.",
            "Trenger hjelp med videosamtaler til barnebarna.",
            "Ny nettbrett, trenger hjelp til å komme i gang.",
        ],
        "garden": [
            "Klipping av plen og luking av bed i sommerhalvåret.",
            "Trenger hjelp med å rake løv i hagen.",
        ],
        "walks": [
            "Vil gjerne gå tur, men føler seg utrygg alene.",
            "Ønsker turvenn for en rolig tur i nærmiljøet.",
        ],
        "other": [
            "Trenger hjelp til å fylle ut skjema fra kommunen.",
            "Ønsker hjelp til å henge opp gardiner.",
        ],
    },
    "da": {
        "visiting-friend": [
            "Ønsker besøg en gang om ugen, taler gerne om haven og gamle dage.",
            "Bor alene efter at ægtefællen døde og vil gerne have nogen at drikke kaffe med.",
            "Ønsker selskab til kortspil eller at se på billeder.",
        ],
        "transport": [
            "Har brug for kørsel til lægen og hjem igen, ca. en gang om måneden.",
            "Kørsel til fysioterapi om tirsdagen.",
            "Har brug for følge til hospitalet til kontrol.",
        ],
        "shopping": [
            "Indkøbshjælp en gang om ugen, indkøbslisten er klar.",
            "Har brug for hjælp til at bære varer hjem fra butikken.",
        ],
        "digital-help": [
            "Vil lære at bruge MitID og netbank på mobilen.",
            "Har brug for hjælp til videoopkald med børnebørnene.",
            "Ny tablet, har brug for hjælp til at komme i gang.",
        ],
        "garden": [
            "Græsslåning og lugning i sommerhalvåret.",
            "Har brug for hjælp til at rive blade sammen i haven.",
        ],
        "walks": [
            "Vil gerne gå ture, men føler sig utryg alene.",
            "Ønsker en gåven til en rolig tur i nærområdet.",
        ],
        "other": [
            "Har brug for hjælp til at udfylde en blanket fra kommunen.",
            "Ønsker hjælp til at hænge gardiner op.",
        ],
    },
    "en": {
        "visiting-friend": [
            "Would like a visit once a week; likes to talk about gardening and old times.",
            "Lives alone since her husband died and would like someone to have coffee with.",
            "Would like company for playing cards or looking at photos.",
        ],
        "transport": [
            "Needs a lift to the doctor and back, about once a month.",
            "A lift to physiotherapy on Tuesdays.",
            "Needs someone to come along to the hospital for a check-up.",
        ],
        "shopping": [
            "Shopping once a week; the list is ready.",
            "Needs help carrying groceries home from the shop.",
        ],
        "digital-help": [
            "Wants to learn to use online banking on the phone.",
            "Needs help with video calls to the grandchildren.",
            "New tablet, needs help getting started.",
        ],
        "garden": [
            "Mowing the lawn and weeding during the summer.",
            "Needs help raking leaves in the garden.",
        ],
        "walks": [
            "Would like to go for walks but feels unsafe alone.",
            "Would like a walking companion for a gentle walk nearby.",
        ],
        "other": [
            "Needs help filling in a form from the municipality.",
            "Would like help putting up curtains.",
        ],
    },
}
NOTES = {
    "nb": [
        "Ringte og fulgte opp, alt fungerer fint.",
        "Frivillig melder at besøkene går bra.",
        "Deltaker ønsker å endre tidspunkt til ettermiddag.",
        "Pause på grunn av sykehusopphold, tas opp igjen senere.",
        "Avsluttet etter ønske fra deltaker.",
    ],
    "da": [
        "Ringede og fulgte op, alt fungerer fint.",
        "Den frivillige fortæller, at besøgene går godt.",
        "Deltageren ønsker at flytte tidspunktet til eftermiddag.",
        "Pause på grund af hospitalsophold, genoptages senere.",
        "Afsluttet efter ønske fra deltageren.",
    ],
    "en": [
        "Called to follow up; everything works well.",
        "The volunteer says the visits go well.",
        "The participant would like to move the time to the afternoon.",
        "Paused because of a hospital stay; to be picked up later.",
        "Closed at the participant's request.",
    ],
}
NOTE_AUTHOR = {"nb": "Koordinator (demo)", "da": "Koordinator (demo)", "en": "Coordinator (demo)"}
FIRST_NAMES = ["Astrid", "Bjørn", "Ingrid", "Kari", "Leif", "Olav", "Randi", "Svein", "Turid"]
LAST_NAMES = ["Berg", "Dahl", "Hansen", "Jensen", "Lund", "Moen", "Nilsen", "Strand"]
# Status of a request by how long ago it was opened: (status, weight) for recent / older.
RECENT_STATUSES = [
    (Status.NEW, 3),
    (Status.MATCHED, 3),
    (Status.ACTIVE, 4),
    (Status.PAUSED, 1),
    (Status.CLOSED, 1),
]
OLDER_STATUSES = [(Status.ACTIVE, 4), (Status.PAUSED, 1), (Status.CLOSED, 6)]


def _centre_language(language: str | None) -> str:
    if language:
        return language
    federation = getattr(getattr(connection, "tenant", None), "federation", None)
    return getattr(federation, "default_language", None) or "nb"


def _pick(rng: random.Random, weighted: list[tuple[str, int]]) -> str:
    return rng.choices([value for value, _ in weighted], [w for _, w in weighted])[0]


def _later(rng: random.Random, start: datetime.datetime, days: tuple[int, int], now):
    return min(start + datetime.timedelta(days=rng.randint(*days), hours=rng.randint(1, 6)), now)


def _participants(rng: random.Random, areas: list[Area], count: int) -> list[Participant]:
    participants = list(Participant.objects.all())
    if participants:
        return participants
    return [
        Participant.objects.create(
            first_name=rng.choice(FIRST_NAMES),
            last_name=rng.choice(LAST_NAMES),
            phone=f"+479{rng.randint(1000000, 9999999)}",  # E.164, as the forms store it
            area=rng.choice(areas) if areas else None,
            age_band=rng.choice([AgeBand.SENIOR, AgeBand.ELDERLY, AgeBand.ADULT]),
        )
        for _ in range(max(count // 2, 5))
    ]


def load_demo_help_requests(*, seed: int, count: int = 40, language: str | None = None) -> None:
    """Fill the current centre's schema with `count` help requests over the past year
    (does nothing if it already has help requests)."""
    if HelpRequest.objects.exists():
        return
    rng = random.Random(seed)
    language = _centre_language(language)
    texts = DESCRIPTIONS.get(language, DESCRIPTIONS["en"])
    notes = NOTES.get(language, NOTES["en"])
    now = timezone.now()
    with transaction.atomic():
        if not RequestType.objects.exists():
            install_request_types(
                CentreDefaults(centre_name="", country="", default_language=language)
            )
        types = list(RequestType.objects.filter(is_active=True))
        areas = list(Area.objects.filter(is_active=True))
        participants = _participants(rng, areas, count)
        volunteers = list(
            Volunteer.objects.filter(status=Volunteer.Status.ACTIVE)
            .annotate(has_certificate=valid_certificate_exists(timezone.localdate()))
            .order_by("pk")
        )
        certified = [volunteer for volunteer in volunteers if volunteer.has_certificate]
        languages = [code for code in Language.values if code not in {"nb", "da", "en"}]
        for _ in range(count):
            _one_request(
                rng,
                now=now,
                types=types,
                participants=participants,
                volunteers=volunteers,
                certified=certified,
                texts=texts,
                notes=notes,
                languages=languages,
                home_language=language,
            )


def _one_request(
    rng, *, now, types, participants, volunteers, certified, texts, notes, languages, home_language
) -> None:
    request_type = rng.choice(types)
    participant = rng.choice(participants)
    opened_at = now - datetime.timedelta(days=rng.randint(0, 364), hours=rng.randint(0, 8))
    is_recent = now - opened_at < datetime.timedelta(days=30)
    status = _pick(rng, RECENT_STATUSES if is_recent else OLDER_STATUSES)
    requires_certificate = rng.random() < 0.12
    pool = certified if requires_certificate else volunteers
    if status != Status.NEW and status != Status.CLOSED and not pool:
        status = Status.NEW
    spoken = [home_language] if home_language in Language.values else []
    if rng.random() < 0.25:
        spoken.append(rng.choice(languages))
    help_request = HelpRequest(
        participant=participant,
        request_type=request_type,
        description=rng.choice(texts.get(request_type.code, texts["other"])),
        area=participant.area,
        languages=spoken,
        requires_certificate=requires_certificate,
        source=HelpRequest.Source.STAFF,
        status=status,
        opened_at=opened_at,
    )
    volunteer_spans: list[tuple[Volunteer, datetime.date, datetime.date | None]] = []
    was_matched = (
        status != Status.NEW and bool(pool) and not (status == Status.CLOSED and rng.random() < 0.2)
    )
    if was_matched:
        help_request.matched_at = _later(rng, opened_at, (1, 14), now)
        started = timezone.localdate(help_request.matched_at)
        if status != Status.MATCHED:
            help_request.activated_at = _later(rng, help_request.matched_at, (1, 7), now)
        if status == Status.PAUSED:
            help_request.paused_at = _later(rng, help_request.activated_at, (14, 90), now)
        if status == Status.CLOSED:
            last = help_request.paused_at or help_request.activated_at or help_request.matched_at
            help_request.closed_at = _later(rng, last, (20, 200), now)
        first = rng.choice(pool)
        if status in (Status.ACTIVE, Status.PAUSED) and rng.random() < 0.15 and len(pool) > 1:
            # Someone else helped first, then the request was matched again.
            changed = _later(rng, help_request.matched_at, (20, 60), now)
            volunteer_spans.append((first, started, timezone.localdate(changed)))
            help_request.matched_at = changed
            started = timezone.localdate(changed)
            first = rng.choice([volunteer for volunteer in pool if volunteer != first])
            help_request.activated_at = _later(rng, changed, (1, 5), now)
            if help_request.paused_at is not None:
                help_request.paused_at = _later(rng, help_request.activated_at, (7, 30), now)
        ended = timezone.localdate(help_request.closed_at) if help_request.closed_at else None
        volunteer_spans.append((first, started, ended))
    elif status == Status.CLOSED:
        help_request.closed_at = _later(rng, opened_at, (3, 30), now)
    help_request.save()
    Assignment.objects.bulk_create(
        Assignment(
            help_request=help_request,
            volunteer=volunteer,
            started_on=started_on,
            ended_on=max(ended_on, started_on) if ended_on else None,
        )
        for volunteer, started_on, ended_on in volunteer_spans
    )
    last_date = help_request.closed_at or now
    for _ in range(rng.randint(0, 3) if was_matched else rng.randint(0, 1)):
        note = FollowUpNote.objects.create(
            help_request=help_request,
            text=rng.choice(notes),
            author_label=NOTE_AUTHOR.get(home_language, NOTE_AUTHOR["en"]),
        )
        written = opened_at + (last_date - opened_at) * rng.random()
        FollowUpNote.objects.filter(pk=note.pk).update(created_at=written)


def help_requests_demo(centre: CentreDemo, *, write=print) -> None:
    """CENTRE_DEMO_STEPS: a year of help requests, as many as the centre's size asks."""
    load_demo_help_requests(
        seed=centre.seed, count=round(40 * centre.size), language=centre.language
    )


PUBLIC_REQUESTS = {
    "nb": (
        ("Randi", "Solberg", "Trenger hjelp til å handle en gang i uka."),
        ("Arne", "Moen", "Vil gjerne ha en turvenn på ettermiddagen."),
        ("Liv", "Bakken", "Hjelp med å bruke mobilen og BankID."),
    ),
    "da": (
        ("Bente", "Poulsen", "Har brug for hjælp til at handle en gang om ugen."),
        ("Erik", "Møller", "Vil gerne have en gåtur-ven om eftermiddagen."),
        ("Grethe", "Dam", "Hjælp til at bruge mobilen og MitID."),
    ),
}


def public_help_requests_demo(centre: CentreDemo, *, write=print) -> None:
    """CENTRE_DEMO_STEPS: a few new requests from the public form, waiting for triage (each
    with a new participant and the consent the form records). Keeps a centre that has some."""
    if HelpRequest.objects.filter(source=HelpRequest.Source.PUBLIC_FORM).exists():
        return
    language = "da" if centre.country == "DK" else "nb"
    types = list(RequestType.objects.filter(is_active=True).order_by("position", "id"))
    if not types:
        return
    now = timezone.now()
    with transaction.atomic():
        for number, (first, last, text) in enumerate(PUBLIC_REQUESTS[language]):
            participant = participant_create(
                actor=PUBLIC_VISITOR,
                first_name=first,
                last_name=last,
                phone=f"+479123456{number}" if language == "nb" else f"+452012345{number}",
                consents=[Consent.Purpose.REGISTRATION],
            )
            help_request_create(
                actor=PUBLIC_VISITOR,
                request_type=types[number % len(types)],
                participant=participant,
                description=text,
                source=HelpRequest.Source.PUBLIC_FORM,
                opened_at=now - datetime.timedelta(hours=5 + 20 * number),
            )
    write(f"  {centre.slug}: 3 help requests from the public form")
