"""Ranked volunteer suggestions for a help request, each with the reasons for its rank.

How a volunteer scores (every active volunteer not already helping with this request):

| what                                                   | points                    |
|--------------------------------------------------------|---------------------------|
| a skill or interest that fits the type of help         | +30                       |
| speaks a language the participant speaks               | +25                       |
| covers the request's area (else the participant's)     | +20                       |
| has given any weekly availability                      | +10                       |
| has a valid police certificate                         | +5                        |
| each request they help with now (current assignment)   | −10                       |

When the request requires a police certificate, volunteers without a valid one are left
out altogether. Ties go to the volunteer with fewer current assignments, then by name and
id, so the same data always gives the same order.

A skill "fits" a type of help when its name contains one of the type's keywords below as a
whole word (case-insensitive), or contains the type's own name (types in `NO_NAME_MATCH`
excepted). Keywords are in English, Norwegian and Danish because each centre names its own
skills; compounds such as "hagearbeid" are listed whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.utils import timezone
from django.utils.translation import get_language, ngettext, pgettext, pgettext_lazy
from django.utils.translation import gettext as _

from tenant_apps.helprequests.certificates import valid_certificate_exists
from tenant_apps.helprequests.models import Assignment, HelpRequest, RequestType
from tenant_apps.people.models import Language, PartOfDay, Skill, Volunteer

SKILL_POINTS = 30
LANGUAGE_POINTS = 25
AREA_POINTS = 20
AVAILABILITY_POINTS = 10
CERTIFICATE_POINTS = 5
POINTS_PER_CURRENT_ASSIGNMENT = -10

# Request type code -> words in skill names that show a fit.
SKILL_KEYWORDS: dict[str, tuple[str, ...]] = {
    "visiting-friend": (
        "visiting friend",
        "visiting",
        "visits",
        "conversation",
        "company",
        "besøksvenn",
        "besøk",
        "samtale",
        "besøgsven",
        "besøg",
        "selskab",
    ),
    "transport": (
        "transport",
        "driving",
        "driver",
        "car",
        "driving licence",
        "sjåfør",
        "bil",
        "bilkjøring",
        "bilkørsel",
        "førerkort",
        "skyss",
        "kørsel",
        "chauffør",
        "kørekort",
    ),
    "shopping": (
        "shopping",
        "errands",
        "handling",
        "handlehjelp",
        "innkjøp",
        "ærender",
        "indkøb",
        "indkøbshjælp",
    ),
    "digital-help": (
        "digital",
        "computer",
        "computers",
        "it",
        "smartphone",
        "tablet",
        "pc",
        "data",
        "datahjelp",
        "nettbrett",
        "it-hjælp",
    ),
    "garden": ("garden", "gardening", "hage", "hagearbeid", "havearbejde", "havehjælp"),
    "walks": (
        "walks",
        "walking",
        "hiking",
        "outdoor",
        "tur",
        "turer",
        "turgåing",
        "friluftsliv",
        "gåtur",
        "gåture",
        "gåturer",
        "vandring",
    ),
    "other": (),
}
# The catch-all type: its name ("Other", "Annet", "Andet") says nothing about skills.
NO_NAME_MATCH = frozenset({"other"})

# "Free on Tuesday afternoons": the weekday and the part of the day as they read after
# "Free on" (English plural, Norwegian/Danish lower case).
WEEKDAYS = (
    pgettext_lazy("free on", "Monday"),
    pgettext_lazy("free on", "Tuesday"),
    pgettext_lazy("free on", "Wednesday"),
    pgettext_lazy("free on", "Thursday"),
    pgettext_lazy("free on", "Friday"),
    pgettext_lazy("free on", "Saturday"),
    pgettext_lazy("free on", "Sunday"),
)
PARTS_OF_DAY = {
    PartOfDay.MORNING: pgettext_lazy("free on", "mornings"),
    PartOfDay.AFTERNOON: pgettext_lazy("free on", "afternoons"),
    PartOfDay.EVENING: pgettext_lazy("free on", "evenings"),
}
PART_ORDER = {PartOfDay.MORNING: 0, PartOfDay.AFTERNOON: 1, PartOfDay.EVENING: 2}
SLOTS_SHOWN = 3


@dataclass(frozen=True)
class Reason:
    """Why a volunteer fits, as a code with parameters (ids, codes, the centre's own names):
    an assignment keeps it so, and it reads in the language of whoever reads it later."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "params": self.params}

    def __str__(self) -> str:
        return reason_text(self.code, self.params)


@dataclass
class Suggestion:
    """A volunteer who could help, how well they fit and why."""

    volunteer: Volunteer
    score: int
    reason_codes: list[Reason] = field(default_factory=list)
    current_load: int = 0
    has_valid_certificate: bool = False

    @property
    def reasons(self) -> list[str]:
        """The reasons in words, in the active language."""
        return [str(reason) for reason in self.reason_codes]


def _skill_pattern(request_type: RequestType) -> re.Pattern[str] | None:
    words = list(SKILL_KEYWORDS.get(request_type.code, ()))
    alternatives = [rf"\b{re.escape(word.lower())}\b" for word in words]
    if request_type.code not in NO_NAME_MATCH and request_type.name.strip():
        alternatives.append(re.escape(request_type.name.strip().lower()))
    if not alternatives:
        return None
    return re.compile("|".join(alternatives))


def skill_fits(request_type: RequestType, skill_name: str) -> bool:
    """Whether a skill or interest with this name fits the type of help."""
    pattern = _skill_pattern(request_type)
    return pattern is not None and bool(pattern.search(skill_name.lower()))


def _language_label(code: Any) -> str:
    try:
        label = str(Language(code).label)
    except ValueError:
        return str(code)
    # Norwegian and Danish write language names in lower case inside a sentence.
    if get_language() in ("nb", "da"):
        return label[:1].lower() + label[1:]
    return label


def _availability_reason(slots) -> Reason:
    ordered = sorted(slots, key=lambda slot: (slot.weekday, PART_ORDER.get(slot.part_of_day, 9)))
    return Reason("free_on", {"slots": [[slot.weekday, slot.part_of_day] for slot in ordered]})


def _availability_text(slots: list) -> str:
    labels = [
        pgettext("free on", "%(weekday)s %(part_of_day)s")
        % {
            "weekday": WEEKDAYS[weekday] if 0 <= weekday < len(WEEKDAYS) else weekday,
            "part_of_day": PARTS_OF_DAY.get(part_of_day, part_of_day),
        }
        for weekday, part_of_day in slots
    ]
    shown = ", ".join(labels[:SLOTS_SHOWN])
    hidden = len(labels) - SLOTS_SHOWN
    if hidden > 0:
        return ngettext(
            "Free on %(slots)s and %(count)d more time",
            "Free on %(slots)s and %(count)d more times",
            hidden,
        ) % {"slots": shown, "count": hidden}
    return _("Free on %(slots)s") % {"slots": shown}


def reason_text(code: str, params: dict[str, Any]) -> str:
    """A stored reason in the active language (an unknown code reads as itself)."""
    if code == "skills_fit":
        skills = list(params.get("skills", []))
        return ngettext(
            "Skill that fits: %(skills)s", "Skills that fit: %(skills)s", len(skills)
        ) % {"skills": ", ".join(skills)}
    if code == "speaks":
        return _("Speaks %(language)s") % {"language": _language_label(params.get("language"))}
    if code == "covers_area":
        return _("Covers %(area)s") % {"area": params.get("area", "")}
    if code == "free_on":
        return _availability_text(params.get("slots", []))
    if code == "has_certificate":
        return _("Has a valid police certificate")
    if code == "current_load":
        count = int(params.get("count", 0))
        return ngettext("Helps %(count)d person now", "Helps %(count)d people now", count) % {
            "count": count
        }
    return code


def reasons_text(reasons: list[dict[str, Any]]) -> str:
    """Stored reasons ({"code", "params"} each) as one line in the active language."""
    return "; ".join(
        reason_text(reason.get("code", ""), reason.get("params") or {}) for reason in reasons
    )


def _request_area_id(help_request: HelpRequest) -> int | None:
    if help_request.area_id is not None:
        return help_request.area_id
    return help_request.participant.area_id


def _candidates(help_request: HelpRequest):
    today = timezone.localdate()
    already_helping = Assignment.objects.filter(
        volunteer=OuterRef("pk"), help_request=help_request, ended_on__isnull=True
    )
    volunteers = (
        Volunteer.objects.filter(status=Volunteer.Status.ACTIVE)
        .filter(~Exists(already_helping))
        .annotate(
            current_load=Count(
                "assignments", filter=Q(assignments__ended_on__isnull=True), distinct=True
            ),
            has_certificate=valid_certificate_exists(today),
        )
        .prefetch_related(
            Prefetch("skills", queryset=Skill.objects.filter(is_active=True).order_by("name")),
            "areas",
            "availability",
        )
    )
    if help_request.requires_certificate:
        volunteers = volunteers.filter(has_certificate=True)
    return volunteers


def _suggestion(help_request, volunteer, skill_pattern, area_id) -> Suggestion:
    score = 0
    reasons: list[Reason] = []
    fitting_skills = [
        skill.name
        for skill in volunteer.skills.all()
        if skill_pattern is not None and skill_pattern.search(skill.name.lower())
    ]
    if fitting_skills:
        score += SKILL_POINTS
        reasons.append(Reason("skills_fit", {"skills": fitting_skills}))
    shared = [code for code in help_request.languages if code in set(volunteer.languages)]
    if shared:
        score += LANGUAGE_POINTS
        reasons.extend(Reason("speaks", {"language": code}) for code in shared)
    if area_id is not None:
        covered = next((area for area in volunteer.areas.all() if area.pk == area_id), None)
        if covered is not None:
            score += AREA_POINTS
            reasons.append(Reason("covers_area", {"area": covered.name}))
    slots = list(volunteer.availability.all())
    if slots:
        score += AVAILABILITY_POINTS
        reasons.append(_availability_reason(slots))
    if volunteer.has_certificate:
        score += CERTIFICATE_POINTS
        reasons.append(Reason("has_certificate"))
    load = volunteer.current_load
    score += POINTS_PER_CURRENT_ASSIGNMENT * load
    reasons.append(Reason("current_load", {"count": load}))
    return Suggestion(
        volunteer=volunteer,
        score=score,
        reason_codes=reasons,
        current_load=load,
        has_valid_certificate=volunteer.has_certificate,
    )


def suggested_volunteers(help_request: HelpRequest, limit: int = 10) -> list[Suggestion]:
    """The best-fitting active volunteers for a request, best first, with their reasons.

    A fixed number of queries whatever the number of volunteers (one for the volunteers
    with their load and certificate, one each for skills, areas and availability)."""
    skill_pattern = _skill_pattern(help_request.request_type)
    area_id = _request_area_id(help_request)
    suggestions = [
        _suggestion(help_request, volunteer, skill_pattern, area_id)
        for volunteer in _candidates(help_request)
    ]
    suggestions.sort(
        key=lambda suggestion: (
            -suggestion.score,
            suggestion.current_load,
            suggestion.volunteer.last_name.lower(),
            suggestion.volunteer.first_name.lower(),
            suggestion.volunteer.pk,
        )
    )
    return suggestions[: max(limit, 0)]


def match_reasons(help_request: HelpRequest, volunteer: Volunteer) -> list[dict[str, Any]]:
    """Why `volunteer` fits the request, as codes with parameters for an assignment to keep
    (empty when they are not among the candidates, e.g. already helping)."""
    candidate = _candidates(help_request).filter(pk=volunteer.pk).first()
    if candidate is None:
        return []
    suggestion = _suggestion(
        help_request,
        candidate,
        _skill_pattern(help_request.request_type),
        _request_area_id(help_request),
    )
    return [reason.as_dict() for reason in suggestion.reason_codes]
