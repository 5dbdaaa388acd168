"""Reading what a centre holds about a person, and what its retention rules would change."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from shared_apps.accounts import facade
from tenant_apps.activities.models import SessionSignup
from tenant_apps.award.models import Nomination
from tenant_apps.events.models import Registration
from tenant_apps.helprequests.models import HelpRequest
from tenant_apps.people.models import Participant, Volunteer
from tenant_apps.privacy.models import InactivityNotice, ProcessingActivity, RetentionRules
from toolkit.personal_data import (
    ACCOUNT,
    PARTICIPANT,
    VOLUNTEER,
    Person,
    last_active_days,
    sections,
)
from toolkit.personal_data import (
    contact_person as toolkit_contact_person,
)

# --- Whom --------------------------------------------------------------------------------


def _identifiers(*values: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(value.strip() for value in values if value and value.strip()))


def volunteer_person(volunteer: Volunteer) -> Person:
    return Person(
        kind=VOLUNTEER,
        pk=volunteer.pk,
        account_user_id=volunteer.account_user_id,
        identifiers=_identifiers(
            f"{volunteer.first_name} {volunteer.last_name}", volunteer.email, volunteer.phone
        ),
        email=volunteer.email,
    )


def participant_person(participant: Participant) -> Person:
    return Person(
        kind=PARTICIPANT,
        pk=participant.pk,
        identifiers=_identifiers(
            f"{participant.first_name} {participant.last_name}", participant.phone
        ),
    )


def account_person(*, centre_id: int, user_id: int) -> Person | None:
    """The signed-in person's account as seen from this centre (None without a role here)."""
    account = facade.centre_account(centre_id=centre_id, user_id=user_id)
    if account is None:
        return None
    return Person(
        kind=ACCOUNT,
        pk=user_id,
        account_user_id=user_id,
        identifiers=_identifiers(account.full_name, account.email),
        email=account.email,
    )


def contact_person(email: str) -> Person:
    """Whoever gave this e-mail address on a public form of the centre."""
    return toolkit_contact_person(email)


# --- What is held ------------------------------------------------------------------------


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    records: list[dict[str, Any]]
    kept: str
    is_erased: bool  # erasure changes it (else: kept as it is)


@dataclass(frozen=True)
class PersonalDataReport:
    """Everything the centre holds about one person, section by section."""

    person: Person
    label: str
    sections: list[Section] = field(default_factory=list)

    def as_json(self, *, centre_name: str, exported_at: datetime.datetime) -> dict:
        return {
            "centre": centre_name,
            "exported_at": exported_at.isoformat(),
            "person": {"kind": self.person.kind, "id": self.person.pk, "name": self.label},
            "sections": [
                {
                    "key": section.key,
                    "title": section.title,
                    "kept_after_erasure": section.kept,
                    "records": section.records,
                }
                for section in self.sections
            ],
        }


def _sections_of(person: Person) -> list[Section]:
    return [
        Section(
            key=section.key,
            title=str(section.title),
            records=list(section.export(person)),
            kept=str(section.kept or ""),
            is_erased=section.erase is not None,
        )
        for section in sections(person.kind)
    ]


def personal_data(
    *, person: Person, label: str, account_sections: list[Section] = ()
) -> PersonalDataReport:
    """Every section the apps hold about `person` (their `gdpr.py`), in erasure order."""
    return PersonalDataReport(
        person=person, label=label, sections=[*account_sections, *_sections_of(person)]
    )


# --- Retention ---------------------------------------------------------------------------


def retention_rules() -> RetentionRules:
    """The centre's rules (made with the defaults the first time)."""
    rules = RetentionRules.objects.order_by("pk").first()
    return rules or RetentionRules.objects.create()


@dataclass(frozen=True)
class PlannedChange:
    """One thing the retention rules will do, and when."""

    action: str  # one of the actions below
    subject_id: int
    label: str
    due_on: datetime.date
    since: datetime.date  # closed on, or last active on

    @property
    def is_due(self) -> bool:
        return self.due_on <= timezone.localdate()


ANONYMISE_REQUEST = "anonymise_request"
ANONYMISE_PARTICIPANT = "anonymise_participant"
REMIND_VOLUNTEER = "remind_volunteer"
ANONYMISE_VOLUNTEER = "anonymise_volunteer"
# Rows from public forms, some months after what they were for was over.
ANONYMISE_SIGNUP = "anonymise_signup"
ANONYMISE_REGISTRATION = "anonymise_registration"
ANONYMISE_NOMINATION = "anonymise_nomination"


def _help_request_changes(rules: RetentionRules, horizon: datetime.date) -> list[PlannedChange]:
    years = relativedelta(years=rules.help_request_years)
    changes = []
    requests = (
        HelpRequest.objects.filter(
            status=HelpRequest.Status.CLOSED, closed_at__isnull=False, anonymised_at__isnull=True
        )
        .select_related("request_type")
        .order_by("closed_at", "id")
    )
    for request in requests:
        closed_on = timezone.localdate(request.closed_at)
        due = closed_on + years
        if due <= horizon:
            changes.append(
                PlannedChange(
                    action=ANONYMISE_REQUEST,
                    subject_id=request.pk,
                    label=f"#{request.pk} {request.request_type.name}",
                    due_on=due,
                    since=closed_on,
                )
            )
    # A participant whose every request is anonymised (or will be by then) goes with the last.
    due_by_participant: dict[int, datetime.date] = {}
    planned = {change.subject_id: change.due_on for change in changes}
    participants = Participant.objects.filter(
        erased_at__isnull=True, help_requests__pk__in=list(planned)
    ).distinct()
    for participant in participants.prefetch_related("help_requests"):
        dues = []
        for request in participant.help_requests.all():
            if request.anonymised_at is not None:
                continue
            if request.pk not in planned:
                break
            dues.append(planned[request.pk])
        else:
            if dues:
                due_by_participant[participant.pk] = max(dues)
    for participant in Participant.objects.filter(pk__in=list(due_by_participant)):
        changes.append(
            PlannedChange(
                action=ANONYMISE_PARTICIPANT,
                subject_id=participant.pk,
                label=str(participant),
                due_on=due_by_participant[participant.pk],
                since=due_by_participant[participant.pk] - years,
            )
        )
    return changes


def _volunteer_changes(rules: RetentionRules, horizon: datetime.date) -> list[PlannedChange]:
    inactive = relativedelta(months=rules.volunteer_inactive_months)
    notice = relativedelta(months=rules.volunteer_notice_months)
    active_days = last_active_days()
    notices = {item.volunteer_id: item for item in InactivityNotice.objects.all()}
    changes = []
    for volunteer in Volunteer.objects.filter(erased_at__isnull=True).order_by("pk"):
        last_active = max(
            [day for day in (volunteer.start_date, active_days.get(volunteer.pk)) if day]
        )
        sent = notices.get(volunteer.pk)
        if sent is not None and sent.last_active_on >= last_active:
            due = timezone.localdate(sent.sent_at) + notice
            action = ANONYMISE_VOLUNTEER
        else:
            due = last_active + inactive
            action = REMIND_VOLUNTEER
        if due <= horizon:
            changes.append(
                PlannedChange(
                    action=action,
                    subject_id=volunteer.pk,
                    label=volunteer.full_name,
                    due_on=due,
                    since=last_active,
                )
            )
    return changes


def _contact_changes(rules: RetentionRules, horizon: datetime.date) -> list[PlannedChange]:
    """Sign-ups N months after their session, event registrations N months after the event
    ended, nominations N months after the round closed (not a winner who agreed to be
    published: what the site shows of them stays)."""
    months = relativedelta(months=rules.public_form_months)
    before = horizon - months
    changes = []
    signups = (
        SessionSignup.objects.exclude(email="")
        .filter(session__date__lte=before)
        .select_related("session__activity")
        .order_by("session__date", "id")
    )
    for signup in signups:
        changes.append(
            PlannedChange(
                action=ANONYMISE_SIGNUP,
                subject_id=signup.pk,
                label=f"{signup.session.activity.name} {signup.session.date:%Y-%m-%d}",
                due_on=signup.session.date + months,
                since=signup.session.date,
            )
        )
    registrations = (
        Registration.objects.exclude(email="").select_related("event").order_by("event", "id")
    )
    for registration in registrations:
        ended_on = timezone.localdate(registration.event.ends_at)
        if ended_on + months <= horizon:
            changes.append(
                PlannedChange(
                    action=ANONYMISE_REGISTRATION,
                    subject_id=registration.pk,
                    label=registration.event.title,
                    due_on=ended_on + months,
                    since=ended_on,
                )
            )
    nominations = (
        # Anonymised already: no nominator's address and no reason (a required field) left.
        Nomination.objects.exclude(nominator_email="", reason="")
        .exclude(status=Nomination.Status.WINNER, winner_consent_on__isnull=False)
        .filter(award_round__closes_on__lte=before)
        .select_related("award_round")
        .order_by("award_round__closes_on", "id")
    )
    for nomination in nominations:
        closed_on = nomination.award_round.closes_on
        changes.append(
            PlannedChange(
                action=ANONYMISE_NOMINATION,
                subject_id=nomination.pk,
                label=nomination.award_round.title,
                due_on=closed_on + months,
                since=closed_on,
            )
        )
    return changes


def retention_plan(*, within_days: int = 0) -> list[PlannedChange]:
    """What the retention rules would do now (`within_days=0`), or by that many days from
    today, each with the day it is due; a dry run, nothing changes."""
    rules = retention_rules()
    horizon = timezone.localdate() + datetime.timedelta(days=within_days)
    changes = (
        _help_request_changes(rules, horizon)
        + _volunteer_changes(rules, horizon)
        + _contact_changes(rules, horizon)
    )
    return sorted(changes, key=lambda change: (change.due_on, change.action, change.subject_id))


# --- Record of processing activities -------------------------------------------------------


def processing_activities():
    return ProcessingActivity.objects.order_by("position", "id")
