"""Reads of the centre's people, used by pages, the API and other apps.

Other apps call:
- `has_valid_certificate(volunteer, on_date)` / `volunteers_with_valid_certificate(on_date)`
  / `valid_certificate_exists(on_date)`: a volunteer without a valid police certificate
  record may not be assigned to a help request or an activity that requires one;
- `expiring_certificates(within_days=60)`: for the coordinator dashboard;
- `missing_consents(person)`: what the pages show as missing;
- `date_window()`: the dates the centre accepts (activities, plans, hours, start dates).

A certificate record is valid on a day from the day it was seen up to and including its
renewal date ("renew by 1 March" still counts on 1 March).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.db.models import (
    Count,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.utils import timezone
from django.utils.translation import gettext as _

from tenant_apps.people.models import (
    Area,
    CentreSettings,
    Consent,
    Participant,
    PoliceCertificateRecord,
    Skill,
    Volunteer,
)

# A participant's help request whose description matches this (PostgreSQL regular
# expression, case-insensitive, at the start of a word) is taken to mention health, so the
# participant needs a HEALTH_DATA consent (GDPR art. 9). Deliberately simple: a coordinator
# can always record the consent when in doubt.
HEALTH_WORDS = (
    # Norwegian
    "helse",
    "sykdom",
    "sykehus",
    "lege",
    "medisin",
    "demens",
    "diabetes",
    "rullator",
    # Danish
    "sundhed",
    "sygdom",
    "sygehus",
    "læge",
    "medicin",
    # English
    "health",
    "illness",
    "doctor",
    "medicine",
    "hospital",
    "dementia",
)
HEALTH_PATTERN = r"\m(" + "|".join(HEALTH_WORDS) + ")"


def today() -> datetime.date:
    return timezone.localdate()


# --- Settings and lists -----------------------------------------------------------------


def centre_settings() -> CentreSettings:
    """The centre's settings row, or the defaults (unsaved) if it has none yet."""
    return CentreSettings.objects.order_by("pk").first() or CentreSettings()


@dataclass(frozen=True)
class DateWindow:
    """The dates a centre accepts for activities, session plans, hours and start dates."""

    earliest: datetime.date
    latest: datetime.date


def date_window() -> DateWindow:
    """Today ± the centre's settings (date_window_years_back / _ahead)."""
    settings_row = centre_settings()
    day = today()
    return DateWindow(
        earliest=day - relativedelta(years=settings_row.date_window_years_back),
        latest=day + relativedelta(years=settings_row.date_window_years_ahead),
    )


def skill_list(*, active_only: bool = False) -> QuerySet[Skill]:
    """The centre's skills and interests, with how many volunteers have each."""
    # Meta.ordering does not apply to a query that groups rows (the count), so order here.
    skills = Skill.objects.annotate(volunteer_count=Count("volunteers")).order_by("kind", "name")
    return skills.filter(is_active=True) if active_only else skills


def area_list(*, active_only: bool = False) -> QuerySet[Area]:
    """The centre's areas, with how many volunteers cover each."""
    areas = Area.objects.annotate(volunteer_count=Count("volunteers")).order_by("name")
    return areas.filter(is_active=True) if active_only else areas


# --- Certificates -----------------------------------------------------------------------


def _valid_records(on_date: datetime.date) -> QuerySet[PoliceCertificateRecord]:
    return PoliceCertificateRecord.objects.filter(seen_on__lte=on_date, renew_by__gte=on_date)


def valid_certificate_exists(on_date: datetime.date | None = None) -> Exists:
    """An expression for Volunteer querysets: has a valid certificate record on the day.

    `Volunteer.objects.annotate(certified=valid_certificate_exists(day))` or `.filter(...)`.
    """
    return Exists(_valid_records(on_date or today()).filter(volunteer=OuterRef("pk")))


def has_valid_certificate(volunteer: Volunteer | int, on_date: datetime.date | None = None) -> bool:
    """Whether a police certificate seen for the volunteer is valid on the day (default today)."""
    volunteer_id = volunteer if isinstance(volunteer, int) else volunteer.pk
    return _valid_records(on_date or today()).filter(volunteer_id=volunteer_id).exists()


def volunteers_with_valid_certificate(
    on_date: datetime.date | None = None,
) -> QuerySet[Volunteer]:
    """Every volunteer (any status) with a valid certificate record on the day."""
    return Volunteer.objects.filter(valid_certificate_exists(on_date))


def _latest_renewal(on_date: datetime.date) -> Subquery:
    """The latest renewal date among the volunteer's records seen by the day."""
    return Subquery(
        PoliceCertificateRecord.objects.filter(volunteer=OuterRef("pk"), seen_on__lte=on_date)
        .order_by("-renew_by")
        .values("renew_by")[:1]
    )


def expiring_certificates(
    within_days: int = 60, *, on_date: datetime.date | None = None
) -> QuerySet[Volunteer]:
    """Volunteers still with the centre whose certificate runs out within `within_days`
    (and who have no newer record that lasts longer), soonest first; each has
    `certificate_renew_by`."""
    day = on_date or today()
    return (
        Volunteer.objects.exclude(status=Volunteer.Status.ENDED)
        .annotate(certificate_renew_by=_latest_renewal(day))
        .filter(
            certificate_renew_by__gte=day,
            certificate_renew_by__lte=day + datetime.timedelta(days=within_days),
        )
        .order_by("certificate_renew_by", "last_name", "first_name", "id")
    )


# --- Consents ---------------------------------------------------------------------------


@dataclass(frozen=True)
class MissingConsent:
    purpose: str
    label: str
    reason: str


def _active_purposes(person: Volunteer | Participant) -> set[str]:
    active = getattr(person, "active_consents", None)
    if active is None:
        return set(
            person.consents.filter(withdrawn_on__isnull=True).values_list("purpose", flat=True)
        )
    return {consent.purpose for consent in active}


def active_consent(person: Volunteer | Participant, purpose: str) -> Consent | None:
    """The person's consent for the purpose that has not been withdrawn, if any."""
    return person.consents.filter(purpose=purpose, withdrawn_on__isnull=True).first()


def missing_consents(person: Volunteer | Participant) -> list[MissingConsent]:
    """The consents the centre should have from this person and does not (none withdrawn).

    - Every volunteer and every participant: REGISTRATION (keeping their details at all).
    - A volunteer with an e-mail address or a phone number: CONTACT.
    - A participant with a help request whose description mentions health (HEALTH_WORDS):
      HEALTH_DATA.
    (TARGET_GROUPS cannot go missing: target groups are only recorded with it.)

    Uses `active_consents` / `mentions_health` when the queryset prefetched or annotated them.
    """
    needed: list[tuple[str, str]] = [
        (Consent.Purpose.REGISTRATION, _("Needed to keep this person's details at all."))
    ]
    if isinstance(person, Volunteer):
        if person.email or person.phone:
            needed.append(
                (Consent.Purpose.CONTACT, _("Needed because an e-mail address or phone is kept."))
            )
    else:
        mentions_health = getattr(person, "mentions_health", None)
        if mentions_health is None:
            mentions_health = person.help_requests.filter(
                description__iregex=HEALTH_PATTERN
            ).exists()
        if mentions_health:
            needed.append(
                (Consent.Purpose.HEALTH_DATA, _("Needed because a help request mentions health."))
            )
    active = _active_purposes(person)
    return [
        MissingConsent(purpose=purpose, label=str(Consent.Purpose(purpose).label), reason=reason)
        for purpose, reason in needed
        if purpose not in active
    ]


def consent_of(*, consent_id: int, kind: str, person_id: int) -> Consent | None:
    """One consent of a "volunteer" or a "participant" (`kind`), with them; None if the
    consent is someone else's."""
    if kind not in ("volunteer", "participant"):
        raise ValueError(f"a consent belongs to a volunteer or a participant, not {kind!r}")
    return (
        Consent.objects.select_related(kind)
        .filter(pk=consent_id, **{f"{kind}_id": person_id})
        .first()
    )


def _active_consents_prefetch() -> Prefetch:
    return Prefetch(
        "consents",
        queryset=Consent.objects.filter(withdrawn_on__isnull=True),
        to_attr="active_consents",
    )


# --- Volunteers ---------------------------------------------------------------------------


def volunteer_list(
    *,
    status: str = "",
    skill: Skill | int | None = None,
    area: Area | int | None = None,
    language: str = "",
    search: str = "",
    on_date: datetime.date | None = None,
) -> QuerySet[Volunteer]:
    """Volunteers matching the filters, by name, with skills, areas, active consents and
    certificate status (`certificate_valid`, `certificate_renew_by`) in a fixed number of
    queries."""
    day = on_date or today()
    volunteers = Volunteer.objects.annotate(
        certificate_valid=valid_certificate_exists(day),
        certificate_renew_by=_latest_renewal(day),
    ).prefetch_related(
        Prefetch("skills", queryset=Skill.objects.order_by("kind", "name")),
        Prefetch("areas", queryset=Area.objects.order_by("name")),
        _active_consents_prefetch(),
    )
    if status:
        volunteers = volunteers.filter(status=status)
    if skill:
        volunteers = volunteers.filter(skills=skill)
    if area:
        volunteers = volunteers.filter(areas=area)
    if language:
        volunteers = volunteers.filter(languages__contains=[language])
    if search:
        volunteers = volunteers.filter(volunteer_search(search))
    return volunteers.order_by("last_name", "first_name", "id")


def volunteer_search(search: str) -> Q:
    """Every word (up to five) in the first or last name, the e-mail address or the phone."""
    matches = Q()
    for word in search.split()[:5]:
        matches &= (
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(email__icontains=word)
            | Q(phone__icontains=word)
        )
    return matches


def volunteer_detail(*, volunteer_id: int) -> Volunteer | None:
    """One volunteer with everything the detail page shows, or None."""
    return (
        Volunteer.objects.annotate(
            certificate_valid=valid_certificate_exists(today()),
            certificate_renew_by=_latest_renewal(today()),
        )
        .prefetch_related(
            Prefetch("skills", queryset=Skill.objects.order_by("kind", "name")),
            Prefetch("areas", queryset=Area.objects.order_by("name")),
            "availability",
            "certificate_records",
            "confidentiality_declarations",
            "consents",
            _active_consents_prefetch(),
        )
        .filter(pk=volunteer_id)
        .first()
    )


def volunteer_of_account(*, user_id: int | None) -> Volunteer | None:
    """The volunteer record a signed-in account belongs to at this centre, if any (one query;
    `None` for an anonymous visitor, never an unlinked volunteer)."""
    if user_id is None:
        return None
    return Volunteer.objects.filter(account_user_id=user_id).first()


def volunteer_for_account(*, user_id: int) -> Volunteer | None:
    """The same record with everything its own profile page shows."""
    volunteer = volunteer_of_account(user_id=user_id)
    return volunteer_detail(volunteer_id=volunteer.pk) if volunteer else None


@dataclass(frozen=True)
class HoursSummary:
    entries: int
    total: Decimal


def volunteer_hours_summary(volunteer: Volunteer) -> HoursSummary:
    """How many hour entries the volunteer has logged, and their sum (any status)."""
    totals = volunteer.hours.aggregate(entries=Count("id"), total=Sum("hours"))
    return HoursSummary(entries=totals["entries"], total=totals["total"] or Decimal("0"))


def account_ids_in_use() -> set[int]:
    """Accounts already linked to a volunteer at this centre."""
    return set(
        Volunteer.objects.filter(account_user_id__isnull=False).values_list(
            "account_user_id", flat=True
        )
    )


# --- Participants ---------------------------------------------------------------------------


def _mentions_health() -> Exists:
    # Through the reverse relation `help_requests` (as `missing_consents` and `Count` below
    # do), not the HelpRequest model: help requests build on people, so people may not
    # import them. Still one subquery per list, however many rows.
    return Exists(
        Participant.objects.filter(
            pk=OuterRef("pk"), help_requests__description__iregex=HEALTH_PATTERN
        )
    )


def participant_list(
    *, search: str = "", age_band: str = "", area: Area | int | None = None
) -> QuerySet[Participant]:
    """Participants matching the filters, by name, with area, active consents and
    `mentions_health`, in a fixed number of queries."""
    participants = (
        Participant.objects.select_related("area")
        .annotate(mentions_health=_mentions_health())
        .prefetch_related(_active_consents_prefetch())
    )
    if age_band:
        participants = participants.filter(age_band=age_band)
    if area:
        participants = participants.filter(area=area)
    if search:
        participants = participants.filter(participant_search(search))
    return participants.order_by("last_name", "first_name", "id")


def participant_search(search: str) -> Q:
    """Every word (up to five) in the first or last name, the phone or the address."""
    matches = Q()
    for word in search.split()[:5]:
        matches &= (
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(phone__icontains=word)
            | Q(address__icontains=word)
        )
    return matches


def participant_detail(*, participant_id: int) -> Participant | None:
    """One participant with area, consents and `mentions_health`, or None."""
    return (
        Participant.objects.select_related("area")
        .annotate(mentions_health=_mentions_health(), help_request_count=Count("help_requests"))
        .prefetch_related("consents", _active_consents_prefetch())
        .filter(pk=participant_id)
        .first()
    )


def has_active_consent(person: Volunteer | Participant, purpose: str) -> bool:
    """Whether the person has given the consent and not withdrawn it."""
    return purpose in _active_purposes(person)


def volunteer_application_count() -> int:
    """How many offers to volunteer wait for an answer."""
    return Volunteer.objects.filter(status=Volunteer.Status.APPLIED).count()


def mentions_health(text: str) -> bool:
    """Whether `text` mentions health the way HEALTH_PATTERN finds it in the database."""
    return re.search(r"\b(" + "|".join(HEALTH_WORDS) + ")", text or "", re.IGNORECASE) is not None
