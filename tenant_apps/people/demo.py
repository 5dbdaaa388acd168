"""Believable demo people for one centre: Norwegian or Danish volunteers and participants.

`load_demo_people` runs inside the centre's schema (the caller enters it). The same centre,
seed and day give the same people; dates are relative to today, so that some certificates
run out soon and others have expired. A centre that already has volunteers is left alone.
"""

from __future__ import annotations

import datetime
import random
import unicodedata

from django.db import connection, transaction
from django.utils import timezone
from django_tenants.utils import get_tenant_model

from shared_apps.accounts import facade
from tenant_apps.people.models import (
    AgeBand,
    Area,
    AvailabilitySlot,
    ConfidentialityDeclaration,
    Consent,
    Participant,
    PartOfDay,
    PoliceCertificateRecord,
    Skill,
    TargetGroup,
    Volunteer,
)
from tenant_apps.people.provisioning import install_people_defaults
from tenant_apps.people.selectors import centre_settings
from tenant_apps.people.services import add_months, age_band_for
from tenants.contracts import CentreDefaults, CentreDemo
from toolkit.forms import phone_number_e164


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


FIRST_NAMES = {
    "NO": {
        "f": _words(
            "Kari Ingrid Anne Liv Marit Solveig Randi Hilde Berit Astrid Nina Silje Ida Ingeborg "
            "Tone Gunn Sigrid Eli Turid Marte Nora Emma Hanne Kristin Wenche Åse Grete Maja Amina "
            "Olena"
        ),
        "m": _words(
            "Ole Per Jan Kjell Arne Knut Svein Geir Terje Bjørn Lars Tor Odd Morten Jon Harald "
            "Magnus Henrik Sindre Even Øyvind Trond Eirik Jonas Ahmed Tomasz Yonas Einar Rolf "
            "Håkon"
        ),
    },
    "DK": {
        "f": _words(
            "Anne Kirsten Hanne Mette Lone Susanne Birgitte Inge Karen Lene Pia Helle Tove Bente "
            "Jette Camilla Sofie Ida Freja Maja Ellen Grethe Marianne Dorthe Signe Emma Laura "
            "Fatima Agnieszka Olena"
        ),
        "m": _words(
            "Jens Peter Lars Søren Niels Henrik Michael Poul Ole Hans Jørgen Erik Bent Torben "
            "Morten Anders Rasmus Mads Frederik Kasper Jesper Flemming Finn Kurt Mikkel Ali Piotr "
            "Mohammad Bjarne Carsten"
        ),
    },
}
LAST_NAMES = {
    "NO": _words(
        "Hansen Johansen Olsen Larsen Andersen Pedersen Nilsen Kristiansen Jensen Karlsen Johnsen "
        "Pettersen Eriksen Berg Haugen Hagen Johannessen Andreassen Jacobsen Dahl Jørgensen "
        "Halvorsen Lund Moen Solberg Bakken Strand Lie Rønning Kvam Sæther Aune Fjeld Mohammed "
        "Kowalski Tesfay Ali Holm"
    ),
    "DK": _words(
        "Jensen Nielsen Hansen Pedersen Andersen Christensen Larsen Sørensen Rasmussen Jørgensen "
        "Petersen Madsen Kristensen Olsen Thomsen Christiansen Poulsen Johansen Møller Mortensen "
        "Knudsen Jakobsen Mikkelsen Lund Holm Schmidt Frederiksen Henriksen Laursen Dam Østergaard "
        "Ahmed Nowak Hussein Kovalenko"
    ),
}
AREAS = {
    "NO": ("Sentrum", "Nordbyen", "Sørbyen", "Østsiden", "Vestsiden", "Bygda", "Fjellgrenda"),
    "DK": ("Centrum", "Nordbyen", "Sydbyen", "Østerbro", "Vesterbro", "Landsbyerne", "Havnen"),
}
STREETS = {
    "NO": ("Storgata", "Kirkeveien", "Skolegata", "Parkveien", "Bakkeveien", "Fjordgata"),
    "DK": ("Hovedgaden", "Kirkevej", "Skolegade", "Parkvej", "Bakkevej", "Strandvejen"),
}
# Languages spoken besides the country's own, with rough weights.
OTHER_LANGUAGES = (("en", 70), ("de", 8), ("sv", 10), ("ar", 5), ("pl", 4), ("uk", 4), ("so", 3))


def _ascii(text: str) -> str:
    text = text.lower().replace("ø", "o").replace("æ", "ae").replace("å", "a")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def _country(centre_slug: str) -> str:
    tenant = getattr(connection, "tenant", None)
    federation = getattr(tenant, "federation", None)
    if federation is None:
        centre = (
            get_tenant_model().objects.select_related("federation").filter(slug=centre_slug).first()
        )
        federation = centre.federation if centre else None
    return "DK" if federation is not None and federation.country == "DK" else "NO"


def _phone(rng: random.Random, country: str) -> str:
    """A mobile number in E.164, as the forms store it (so pages show it the national way)."""
    first_digits = "2345678" if country == "DK" else "49"
    while True:  # not every random number is in use: draw until phonenumbers accepts one
        digits = f"{rng.choice(first_digits)}{rng.randrange(10_000_000):07d}"
        try:
            return phone_number_e164(digits, region=country)
        except ValueError:
            continue


def _birth_date(rng: random.Random, today: datetime.date, age_weights) -> datetime.date:
    low, high = rng.choices([band for band, _ in age_weights], [w for _, w in age_weights])[0]
    age = rng.randint(low, high)
    return today - datetime.timedelta(days=age * 365 + rng.randrange(365))


VOLUNTEER_AGES = (((16, 17), 3), ((18, 29), 14), ((30, 59), 33), ((60, 79), 42), ((80, 88), 8))
PARTICIPANT_BANDS = (
    (AgeBand.UNDER_18, 6),
    (AgeBand.YOUNG_ADULT, 12),
    (AgeBand.ADULT, 18),
    (AgeBand.SENIOR, 34),
    (AgeBand.ELDERLY, 26),
    (AgeBand.UNKNOWN, 4),
)


def load_demo_people(
    *, centre_slug: str, volunteers: int, participants: int, seed: int, country: str = ""
) -> None:
    """Fill the current centre schema with demo volunteers and participants.

    `country` ("NO"/"DK") is looked up from the centre when not given.
    """
    if Volunteer.objects.exists():
        return
    country = country or _country(centre_slug)
    rng = random.Random(f"{centre_slug}:{seed}")
    today = timezone.localdate()
    language = "da" if country == "DK" else "nb"
    with transaction.atomic():
        install_people_defaults(
            CentreDefaults(centre_name=centre_slug, country=country, default_language=language)
        )
        areas = [Area.objects.get_or_create(name=name)[0] for name in AREAS[country]]
        skills = list(Skill.objects.filter(is_active=True))
        _volunteers(rng, country, language, today, centre_slug, volunteers, areas, skills)
        _participants(rng, country, today, participants, areas)


def _volunteers(rng, country, language, today, centre_slug, count, areas, skills) -> None:
    settings = centre_settings()
    version, validity = settings.confidentiality_version, settings.certificate_validity_months
    rows: list[Volunteer] = []
    used_emails: set[str] = set()
    for index in range(count):
        sex = rng.choice("fm")
        first = rng.choice(FIRST_NAMES[country][sex])
        last = rng.choice(LAST_NAMES[country])
        born = _birth_date(rng, today, VOLUNTEER_AGES)
        years_with_centre = rng.choices(range(12), [8, 14, 13, 11, 10, 9, 8, 7, 6, 5, 5, 4])[0]
        start = today - datetime.timedelta(days=years_with_centre * 365 + rng.randrange(365))
        start = max(start, born + datetime.timedelta(days=16 * 365))
        email = ""
        if rng.random() < 0.9:
            local = f"{_ascii(first)}.{_ascii(last)}"
            email = f"{local}@{centre_slug}.demo.dugnad.{country.lower()}"
            if email in used_emails:
                email = f"{local}{index}@{centre_slug}.demo.dugnad.{country.lower()}"
            used_emails.add(email)
        spoken = [language]
        for code, weight in OTHER_LANGUAGES:
            if rng.randrange(100) < weight:
                spoken.append(code)
        status = rng.choices(
            [Volunteer.Status.ACTIVE, Volunteer.Status.PAUSED, Volunteer.Status.ENDED], [80, 12, 8]
        )[0]
        rows.append(
            Volunteer(
                first_name=first,
                last_name=last,
                email=email,
                phone=_phone(rng, country) if rng.random() < 0.95 else "",
                date_of_birth=born if rng.random() < 0.7 else None,
                age_band=age_band_for(born, today),
                languages=spoken,
                start_date=start,
                status=status,
            )
        )
    created = Volunteer.objects.bulk_create(rows)

    skill_links, area_links, slots = [], [], []
    certificates, declarations, consents = [], [], []
    SkillLink = Volunteer.skills.through
    AreaLink = Volunteer.areas.through
    for volunteer in created:
        for skill in rng.sample(skills, k=min(len(skills), rng.randint(1, 4))):
            skill_links.append(SkillLink(volunteer_id=volunteer.pk, skill_id=skill.pk))
        home = rng.randrange(len(areas))
        covered = {home, *(rng.randrange(len(areas)) for _ in range(rng.randint(0, 2)))}
        for index in covered:
            area_links.append(AreaLink(volunteer_id=volunteer.pk, area_id=areas[index].pk))
        weekdays = rng.sample(range(7), k=rng.randint(1, 4))
        for weekday in weekdays:
            parts = rng.sample(PartOfDay.values, k=rng.choice((1, 1, 2)))
            for part in parts:
                slots.append(
                    AvailabilitySlot(volunteer=volunteer, weekday=weekday, part_of_day=part)
                )
        if rng.random() < 0.4:
            # Seen some time in the last four years: some still valid, some soon due, some expired.
            seen = today - datetime.timedelta(days=rng.randrange(4 * 365))
            seen = max(seen, volunteer.start_date)
            if seen <= today:
                certificates.append(
                    PoliceCertificateRecord(
                        volunteer=volunteer,
                        kind=(
                            PoliceCertificateRecord.Kind.BORNEATTEST
                            if country == "DK"
                            else PoliceCertificateRecord.Kind.POLITIATTEST
                        ),
                        seen_on=seen,
                        seen_by_label="Koordinator",
                        renew_by=add_months(seen, validity),
                    )
                )
        if rng.random() < 0.8:
            signed = min(today, volunteer.start_date + datetime.timedelta(days=rng.randrange(30)))
            declarations.append(
                ConfidentialityDeclaration(
                    volunteer=volunteer,
                    signed_on=signed,
                    version=version if rng.random() < 0.7 else "2023-1",
                )
            )
        given = min(today, volunteer.start_date)
        for purpose, share in (
            (Consent.Purpose.REGISTRATION, 0.95),
            (Consent.Purpose.CONTACT, 0.85),
            (Consent.Purpose.PHOTOS, 0.3),
        ):
            if rng.random() < share:
                consents.append(
                    Consent(
                        volunteer=volunteer,
                        purpose=purpose,
                        given_on=given,
                        recorded_by_label="Koordinator",
                    )
                )
    SkillLink.objects.bulk_create(skill_links)
    AreaLink.objects.bulk_create(area_links)
    AvailabilitySlot.objects.bulk_create(slots)
    PoliceCertificateRecord.objects.bulk_create(certificates)
    ConfidentialityDeclaration.objects.bulk_create(declarations)
    Consent.objects.bulk_create(consents)


def _participants(rng, country, today, count, areas) -> None:
    rows: list[Participant] = []
    plans: list[tuple[bool, bool]] = []  # (target groups consent, health consent)
    for _index in range(count):
        band = rng.choices([b for b, _ in PARTICIPANT_BANDS], [w for _, w in PARTICIPANT_BANDS])[0]
        sex = rng.choice("fm")
        with_target_groups = rng.random() < 0.45
        groups: list[str] = []
        if with_target_groups:
            if band == AgeBand.YOUNG_ADULT:
                groups.append(TargetGroup.YOUNG_ADULTS)
            if band in (AgeBand.SENIOR, AgeBand.ELDERLY):
                groups.append(TargetGroup.SENIORS)
            for group, share in (
                (TargetGroup.IMMIGRANT_BACKGROUND, 0.25),
                (TargetGroup.LONELY, 0.35),
                (TargetGroup.DISABILITY, 0.1),
                (TargetGroup.FAMILIES, 0.1 if band == AgeBand.ADULT else 0),
            ):
                if rng.random() < share:
                    groups.append(group)
        rows.append(
            Participant(
                first_name=rng.choice(FIRST_NAMES[country][sex]),
                last_name=rng.choice(LAST_NAMES[country]),
                phone=_phone(rng, country) if rng.random() < 0.85 else "",
                address=(
                    f"{rng.choice(STREETS[country])} {rng.randint(1, 80)}"
                    if rng.random() < 0.6
                    else ""
                ),
                age_band=band,
                area=rng.choice(areas) if rng.random() < 0.9 else None,
                target_groups=groups,
            )
        )
        plans.append((with_target_groups, rng.random() < 0.3))
    created = Participant.objects.bulk_create(rows)
    consents = []
    for participant, (target_groups, health) in zip(created, plans, strict=True):
        given = today - datetime.timedelta(days=rng.randrange(3 * 365))
        purposes = [Consent.Purpose.REGISTRATION] if rng.random() < 0.92 else []
        if target_groups:
            purposes.append(Consent.Purpose.TARGET_GROUPS)
        if health:
            purposes.append(Consent.Purpose.HEALTH_DATA)
        consents.extend(
            Consent(
                participant=participant,
                purpose=purpose,
                given_on=given,
                recorded_by_label="Koordinator",
            )
            for purpose in purposes
        )
    Consent.objects.bulk_create(consents)


def link_demo_account(*, account_user_id: int, first_name: str, last_name: str, email: str) -> None:
    """Make (or keep) the volunteer record of a demo volunteer account in the current centre
    schema, so the account's /people/me/ page has a profile to show."""
    if Volunteer.objects.filter(account_user_id=account_user_id).exists():
        return
    volunteer = Volunteer.objects.filter(email__iexact=email, account_user_id__isnull=True).first()
    if volunteer is None:
        today = timezone.localdate()
        volunteer = Volunteer.objects.create(
            first_name=first_name,
            last_name=last_name,
            email=email,
            start_date=today - datetime.timedelta(days=400),
            languages=["nb" if email.endswith(".no") else "da", "en"],
        )
        Consent.objects.create(
            volunteer=volunteer, purpose=Consent.Purpose.REGISTRATION, given_on=today
        )
    volunteer.account_user_id = account_user_id
    volunteer.save(update_fields=["account_user_id", "updated_at"])


def people_demo(centre: CentreDemo, *, write=print) -> None:
    """CENTRE_DEMO_STEPS: volunteers and participants, as many as the centre's size asks."""
    load_demo_people(
        centre_slug=centre.slug,
        volunteers=round(110 * centre.size),
        participants=round(60 * centre.size),
        seed=centre.seed,
        country=centre.country,
    )


def demo_accounts_link(centre: CentreDemo, *, write=print) -> None:
    """CENTRE_DEMO_STEPS, after the rest: the demo accounts with a volunteer role get a
    volunteer record to edit (after, so the demo's other data does not depend on them)."""
    for member in facade.centre_members(centre_id=centre.centre_id):
        if member.role == "volunteer":
            first, _space, last = (member.full_name or member.email).partition(" ")
            link_demo_account(
                account_user_id=member.user_id,
                first_name=first,
                last_name=last,
                email=member.email,
            )


APPLICATION_TEXTS = {
    "NO": (
        "Jeg kjører gjerne til legen eller butikken på dagtid.",
        "Kan være besøksvenn en gang i uka.",
        "Vil hjelpe med leksehjelp for barn og unge.",
        "Vet ikke helt ennå, men vil gjerne bidra!",
    ),
    "DK": (
        "Jeg kører gerne til lægen eller butikken i dagtimerne.",
        "Kan være besøgsven en gang om ugen.",
        "Vil gerne hjælpe med lektiehjælp for børn og unge.",
        "Ved ikke helt endnu, men vil gerne bidrage!",
    ),
}


def volunteer_applications_demo(centre: CentreDemo, *, write=print) -> None:
    """CENTRE_DEMO_STEPS: a few offers to volunteer from the public form, waiting for an
    answer (with the consents the form records). Keeps a centre that has some."""
    if Volunteer.objects.filter(source=Volunteer.Source.PUBLIC_FORM).exists():
        return
    rng = random.Random(centre.seed * 31 + 11)
    country = "DK" if centre.country == "DK" else "NO"
    today = timezone.localdate()
    texts = APPLICATION_TEXTS[country]
    with transaction.atomic():
        for number in range(3):
            first = rng.choice(FIRST_NAMES[country][rng.choice("fm")])
            last = rng.choice(LAST_NAMES[country])
            volunteer = Volunteer.objects.create(
                first_name=first,
                last_name=last,
                email=f"{_ascii(first)}.{_ascii(last)}.{number}@example.org",
                phone=_phone(rng, country),
                start_date=today - datetime.timedelta(days=number * 3),
                status=Volunteer.Status.APPLIED,
                source=Volunteer.Source.PUBLIC_FORM,
                application_text=texts[number % len(texts)],
            )
            given_on = today - datetime.timedelta(days=number * 3)
            Consent.objects.bulk_create(
                Consent(
                    volunteer=volunteer,
                    purpose=purpose,
                    given_on=given_on,
                    recorded_by_label="public form",
                )
                for purpose in (Consent.Purpose.REGISTRATION, Consent.Purpose.CONTACT)
            )
    write(f"  {centre.slug}: 3 offers to volunteer from the public form")
