"""Demo activities inside one centre: a year of sessions and eight weeks ahead, shifts, the
centre's volunteers signed up, attendance counts. Called inside the centre's schema after the
people demo data exists (a settings.CENTRE_DEMO_STEPS entry)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, time, timedelta

from django.db import transaction

from tenant_apps.activities import services
from tenant_apps.activities.models import (
    Activity,
    ActivityCategory,
    Attendance,
    Session,
    SessionSignup,
    Shift,
    ShiftSignup,
)
from tenant_apps.activities.selectors import centre_today
from tenant_apps.people.models import PoliceCertificateRecord, Volunteer
from tenants.contracts import CentreDemo
from tenants.current import current_centre

AHEAD = timedelta(weeks=8)


@dataclass(frozen=True)
class Role:
    nb: str
    da: str
    capacity: int


@dataclass(frozen=True)
class Template:
    nb: str
    da: str
    category: str
    recurrence: str
    weekday: int  # Monday = 0
    start: time
    end: time
    place_nb: str
    place_da: str
    roles: tuple[Role, ...]
    # (age band, target group, lowest, highest) people per session
    attendance: tuple[tuple[str, str, int, int], ...]
    description_nb: str = ""
    description_da: str = ""
    partner_nb: str = ""
    partner_da: str = ""
    requires_certificate: bool = False
    is_public: bool = True
    # one-off activities: days from today (negative: in the past)
    one_off_offset: int = 0


HOST = Role("Vert", "Vært", 1)
HOSTS = Role("Vert", "Vært", 2)
KITCHEN = Role("Kjøkken", "Køkken", 2)

CATALOGUE: tuple[Template, ...] = (
    Template(
        "Språkkafé",
        "Sprogcafé",
        "inclusion",
        "weekly",
        1,
        time(17, 30),
        time(19, 30),
        "Biblioteket",
        "Biblioteket",
        (HOSTS, Role("Samtaleleder", "Samtaleleder", 3)),
        (
            ("18_29", "immigrant_background", 3, 9),
            ("30_59", "immigrant_background", 4, 12),
            ("60_79", "", 0, 3),
        ),
        "Øv på norsk i en hyggelig prat over en kopp kaffe. Alle nivåer er velkomne.",
        "Øv dig i dansk i en hyggelig snak over en kop kaffe. Alle niveauer er velkomne.",
        partner_nb="Røde Kors",
        partner_da="Røde Kors",
    ),
    Template(
        "Seniorlunsj",
        "Seniorfrokost",
        "social-meeting-places",
        "weekly",
        3,
        time(11, 30),
        time(13, 30),
        "Frivilligsentralen",
        "Frivilligcentret",
        (KITCHEN, HOST),
        (("60_79", "seniors", 8, 18), ("80_plus", "seniors", 4, 10), ("80_plus", "lonely", 0, 4)),
        "Varm lunsj, kaffe og godt selskap. Ta gjerne med en venn.",
        "Varm frokost, kaffe og godt selskab. Tag gerne en ven med.",
    ),
    Template(
        "Turgruppa",
        "Gågruppen",
        "physical-activity",
        "weekly",
        2,
        time(10, 0),
        time(11, 30),
        "Oppmøte ved kirka",
        "Mødested ved kirken",
        (Role("Turleder", "Turleder", 1),),
        (("60_79", "seniors", 5, 14), ("30_59", "", 1, 4), ("80_plus", "seniors", 0, 3)),
        "En rolig tur i nærområdet, i alt slags vær.",
        "En rolig gåtur i nærområdet, i al slags vejr.",
    ),
    Template(
        "Leksehjelp",
        "Lektiecafé",
        "courses",
        "weekly",
        0,
        time(16, 0),
        time(18, 0),
        "Skolen",
        "Skolen",
        (Role("Leksehjelper", "Lektiehjælper", 4),),
        (("0_17", "", 6, 16), ("0_17", "immigrant_background", 2, 8)),
        "Hjelp med lekser for elever på mellomtrinnet og ungdomsskolen.",
        "Hjælp til lektier for elever i 4.-10. klasse.",
        requires_certificate=True,
    ),
    Template(
        "Strikkekafé",
        "Strikkecafé",
        "crafts-music",
        "biweekly",
        1,
        time(18, 0),
        time(20, 30),
        "Frivilligsentralen",
        "Frivilligcentret",
        (HOST,),
        (("60_79", "", 4, 10), ("30_59", "", 2, 6)),
        "Ta med strikketøyet – garn og oppskrifter deles.",
        "Tag strikketøjet med – garn og opskrifter deles.",
    ),
    Template(
        "Digital hjelp",
        "IT-café",
        "courses",
        "weekly",
        4,
        time(10, 0),
        time(12, 0),
        "Biblioteket",
        "Biblioteket",
        (Role("Veileder", "Vejleder", 3),),
        (("60_79", "seniors", 3, 9), ("80_plus", "seniors", 1, 5)),
        "Få hjelp med mobil, nettbrett, BankID og Helsenorge.",
        "Få hjælp til mobil, tablet, MitID og borger.dk.",
    ),
    Template(
        "Reparasjonskafé",
        "Repair café",
        "lending-reuse",
        "monthly",
        5,
        time(11, 0),
        time(15, 0),
        "Gamle skolen",
        "Den gamle skole",
        (Role("Reparatør", "Reparatør", 4), HOST),
        (("30_59", "", 5, 15), ("60_79", "", 3, 10), ("18_29", "young_adults", 1, 5)),
        "Vi reparerer klær, sykler og småelektrisk sammen.",
        "Vi reparerer tøj, cykler og småt elektrisk sammen.",
    ),
    Template(
        "Allsang på sykehjemmet",
        "Fællessang på plejehjemmet",
        "crafts-music",
        "monthly",
        2,
        time(13, 0),
        time(14, 30),
        "Sykehjemmet",
        "Plejehjemmet",
        (Role("Pianist", "Pianist", 1), HOSTS),
        (("80_plus", "seniors", 10, 25),),
        partner_nb="Sanitetsforeningen",
        partner_da="Ældre Sagen",
    ),
    Template(
        "Middag for alle",
        "Fællesspisning",
        "social-meeting-places",
        "biweekly",
        3,
        time(17, 0),
        time(19, 0),
        "Menighetshuset",
        "Sognegården",
        (Role("Kokk", "Kok", 3), Role("Servering", "Servering", 2)),
        (("0_17", "families", 4, 12), ("30_59", "families", 4, 10), ("60_79", "lonely", 2, 6)),
        "Rimelig middag i fellesskap. Barnefamilier spiser gratis.",
        "Billig aftensmad i fællesskab. Børnefamilier spiser gratis.",
    ),
    Template(
        "Seniortrim",
        "Seniormotion",
        "physical-activity",
        "weekly",
        1,
        time(10, 0),
        time(11, 0),
        "Idrettshallen",
        "Idrætshallen",
        (Role("Instruktør", "Instruktør", 1),),
        (("60_79", "seniors", 6, 15), ("80_plus", "seniors", 1, 5)),
    ),
    Template(
        "Sykkelverksted",
        "Cykelværksted",
        "lending-reuse",
        "biweekly",
        5,
        time(12, 0),
        time(15, 0),
        "BUA",
        "Genbrugsstationen",
        (Role("Mekaniker", "Mekaniker", 2),),
        (("0_17", "", 2, 8), ("18_29", "young_adults", 1, 5), ("30_59", "", 1, 4)),
    ),
    Template(
        "Ungdomstreff",
        "Ungdomsklub",
        "social-meeting-places",
        "weekly",
        4,
        time(18, 0),
        time(21, 0),
        "Ungdomshuset",
        "Ungdomshuset",
        (Role("Voksenvert", "Voksenvært", 2),),
        (("0_17", "", 8, 20), ("18_29", "young_adults", 1, 6)),
        requires_certificate=True,
    ),
    Template(
        "Kvinnetreff",
        "Kvindecafé",
        "inclusion",
        "biweekly",
        2,
        time(12, 0),
        time(14, 0),
        "Frivilligsentralen",
        "Frivilligcentret",
        (HOSTS,),
        (("30_59", "immigrant_background", 4, 12), ("18_29", "immigrant_background", 1, 5)),
    ),
    Template(
        "Bokkafé",
        "Læseklub",
        "crafts-music",
        "monthly",
        0,
        time(18, 0),
        time(20, 0),
        "Biblioteket",
        "Biblioteket",
        (HOST,),
        (("60_79", "", 3, 8), ("30_59", "", 2, 6)),
    ),
    Template(
        "Frivilligfest",
        "Frivilligfest",
        "events",
        "one_off",
        4,
        time(18, 0),
        time(22, 0),
        "Kulturhuset",
        "Kulturhuset",
        (Role("Rigging", "Opsætning", 4), Role("Kjøkken", "Køkken", 3)),
        (("30_59", "", 20, 40), ("60_79", "", 15, 30), ("18_29", "", 5, 12)),
        "Takk for innsatsen! Mat, musikk og utdeling av årets ildsjelpris.",
        "Tak for indsatsen! Mad, musik og uddeling af årets ildsjælepris.",
        one_off_offset=-120,
    ),
    Template(
        "Julemarked",
        "Julemarked",
        "events",
        "one_off",
        5,
        time(11, 0),
        time(16, 0),
        "Torget",
        "Torvet",
        (Role("Stand", "Bod", 4), Role("Kafé", "Café", 3)),
        (("30_59", "families", 30, 60), ("60_79", "", 20, 40)),
        one_off_offset=24,
        partner_nb="Lions",
        partner_da="Lions",
    ),
)
ESSENTIAL = 4  # the first four always appear: language café, lunch, walking, homework help


def _on_weekday(day: date, weekday: int) -> date:
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def _category(code: str, fallback: ActivityCategory) -> ActivityCategory:
    return ActivityCategory.objects.filter(code=code, is_active=True).first() or fallback


def load_demo_activities(*, seed: int, activities: int = 14) -> None:
    """Fill the current centre schema with demo activities (nothing if it has any)."""
    if Activity.objects.exists():
        return
    centre = current_centre()
    language = "da" if centre.federation.country == "DK" else "nb"
    rng = random.Random(f"activities:{seed}")
    today = centre_today()
    rest = list(CATALOGUE[ESSENTIAL:])
    rng.shuffle(rest)
    chosen = [*CATALOGUE[:ESSENTIAL], *rest][: max(1, min(activities, len(CATALOGUE)))]
    volunteers = list(Volunteer.objects.filter(status=Volunteer.Status.ACTIVE).order_by("pk"))
    certified = set(
        PoliceCertificateRecord.objects.filter(
            volunteer__status=Volunteer.Status.ACTIVE, renew_by__gte=today
        ).values_list("volunteer_id", flat=True)
    )
    fallback = ActivityCategory.objects.filter(is_active=True).order_by("position").first()
    with transaction.atomic():
        for template in chosen:
            _activity(template, language, rng, today, volunteers, certified, fallback)


def _activity(template, language, rng, today, volunteers, certified, fallback) -> None:
    def text(nb: str, da: str) -> str:
        return da if language == "da" else nb

    if template.recurrence == "one_off":
        first = _on_weekday(today + timedelta(days=template.one_off_offset), template.weekday)
    else:
        first = _on_weekday(today - timedelta(days=365), template.weekday)
        if template.recurrence == "monthly":
            # The first such weekday of its month: "every first Saturday".
            first = _on_weekday(first.replace(day=1), template.weekday)
    activity = services.activity_create(
        name=text(template.nb, template.da),
        category=_category(template.category, fallback),
        recurrence=template.recurrence,
        first_date=first,
        start_time=template.start,
        end_time=template.end,
        description=text(template.description_nb, template.description_da),
        place=text(template.place_nb, template.place_da),
        partner_associations=text(template.partner_nb, template.partner_da),
        requires_certificate=template.requires_certificate,
        is_public=template.is_public,
        # Whom it is for on the public calendar: the group most of its attendance counts name.
        target_group=next(
            (group for _band, group, _low, _high in template.attendance if group), ""
        ),
    )
    sessions = services.sessions_generate(activity=activity, until=max(today + AHEAD, first))
    # A few sessions did not happen: holidays and the odd storm.
    notes = ("Ferie", "Stengt") if language == "nb" else ("Ferie", "Lukket")
    for session in sessions:
        if len(sessions) > 4 and rng.random() < 0.04:
            session.is_cancelled = True
            session.note = rng.choice(notes)
    Session.objects.bulk_update(sessions, ["is_cancelled", "note"])
    shifts = Shift.objects.bulk_create(
        Shift(session=session, name=text(role.nb, role.da), capacity=role.capacity)
        for session in sessions
        for role in template.roles
    )
    pool = [v for v in volunteers if not template.requires_certificate or v.pk in certified]
    team = rng.sample(pool, k=min(len(pool), rng.randint(5, 12)))
    _signups(shifts, team, rng, today)
    _attendance(sessions, template, rng, today)


def _signups(shifts, team, rng, today) -> None:
    if not team:
        return
    signups: list[ShiftSignup] = []
    taken: dict[int, set[int]] = {}  # session id -> volunteers with a shift in it
    for shift in shifts:
        session = shift.session
        if session.is_cancelled:
            continue
        busy = taken.setdefault(session.pk, set())
        days_ahead = (session.date - today).days
        # The past was staffed; the coming weeks fill up as they come closer.
        fill = 1.0 if days_ahead < 0 else max(0.15, 1 - days_ahead / 60)
        free = [v for v in team if v.pk not in busy]
        rng.shuffle(free)
        confirmed = sum(rng.random() < fill for _ in range(shift.capacity))
        for volunteer in free[:confirmed]:
            signups.append(ShiftSignup(shift=shift, volunteer=volunteer, status="confirmed"))
            busy.add(volunteer.pk)
        if days_ahead >= 0 and confirmed == shift.capacity and rng.random() < 0.3:
            for volunteer in free[confirmed : confirmed + 1]:
                signups.append(ShiftSignup(shift=shift, volunteer=volunteer, status="waiting"))
                busy.add(volunteer.pk)
    ShiftSignup.objects.bulk_create(signups)


def _attendance(sessions, template, rng, today) -> None:
    rows = []
    for session in sessions:
        if session.is_cancelled or session.date >= today:
            continue
        for age_band, target_group, lowest, highest in template.attendance:
            count = rng.randint(lowest, highest)
            if count:
                rows.append(
                    Attendance(
                        session=session, age_band=age_band, target_group=target_group, count=count
                    )
                )
    Attendance.objects.bulk_create(rows)


def sign_up_demo_volunteer(*, volunteer_id: int, seed: int, shifts: int = 3) -> None:
    """Give a demo account's volunteer a few coming shifts with free places (through the
    sign-up service, so every rule holds). Call after the account is linked."""
    from tenant_apps.activities.selectors import unfilled_shifts
    from toolkit.errors import ApplicationError

    volunteer = Volunteer.objects.filter(pk=volunteer_id).first()
    if volunteer is None or volunteer.shift_signups.exists():
        return
    rng = random.Random(f"demo-volunteer:{seed}")
    candidates = list(
        unfilled_shifts(days=28).filter(session__activity__requires_certificate=False)
    )
    rng.shuffle(candidates)
    signed = 0
    for shift in candidates:
        if signed == shifts:
            break
        try:
            services.shift_sign_up(shift=shift, volunteer=volunteer)
        except ApplicationError:
            continue
        signed += 1


def activities_demo(centre: CentreDemo, *, write=print) -> None:
    """CENTRE_DEMO_STEPS: activities with sessions, shifts and sign-ups, by the centre's size."""
    load_demo_activities(seed=centre.seed, activities=max(6, round(14 * centre.size)))


SIGNUP_NAMES = {
    "nb": ("Kari Nordmann", "Ola Hansen", "Ingrid Berg", "Per Olsen", "Aisha Ali", "Tone Lie"),
    "da": ("Mette Jensen", "Lars Nielsen", "Inge Holm", "Søren Madsen", "Fatima Ahmed", "Pia Dam"),
}


def public_signups_demo(centre: CentreDemo, *, write=print) -> None:
    """CENTRE_DEMO_STEPS: two public activities take sign-ups on the centre's site, with
    people signed up for their coming sessions (one session full, with a waiting list).
    Keeps a centre that already has sign-ups."""
    if SessionSignup.objects.exists():
        return
    language = "da" if centre.country == "DK" else "nb"
    rng = random.Random(f"signups:{centre.seed}")
    today = centre_today()
    activities = list(
        Activity.objects.filter(
            is_public=True, is_active=True, sessions__date__gte=today, sessions__is_cancelled=False
        )
        .distinct()
        .order_by("name")[:2]
    )
    names = SIGNUP_NAMES[language]
    with transaction.atomic():
        for index, activity in enumerate(activities):
            places = 4 if index == 0 else 10
            Activity.objects.filter(pk=activity.pk).update(takes_signups=True, signup_places=places)
            sessions = list(
                Session.objects.filter(
                    activity=activity, date__gte=today, is_cancelled=False
                ).order_by("date")[:3]
            )
            for number, session in enumerate(sessions):
                # The first session of the first activity is full, with two waiting.
                count = places + 2 if (index, number) == (0, 0) else rng.randint(1, places - 1)
                SessionSignup.objects.bulk_create(
                    SessionSignup(
                        session=session,
                        name=names[person % len(names)]
                        + ("" if person < len(names) else f" {person}"),
                        email=f"signup{index}{number}{person}@example.org",
                        status=(
                            SessionSignup.Status.CONFIRMED
                            if person < places
                            else SessionSignup.Status.WAITING
                        ),
                        language=language,
                    )
                    for person in range(count)
                )
    write(f"  {centre.slug}: {len(activities)} activities take sign-ups on the public site")
