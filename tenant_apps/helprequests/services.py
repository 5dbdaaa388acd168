"""Every write to help requests: intake, changes, the lifecycle, assignments, follow-up notes
and the centre's request types. Each runs in one transaction and leaves an audit event.

The lifecycle of a request (each date records when it last entered that status):

    new ──assign──▶ matched ──▶ active ◀──▶ paused
     └───────────────┴────────────┴───────────┴──▶ closed ──reopen──▶ new

Assigning a volunteer (also a new one to a running request) makes the request "matched";
closing it ends the current assignment, so a reopened request is "new" until someone is
assigned again.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from tenant_apps.audit.models import AuditAction
from tenant_apps.audit.services import audit_record
from tenant_apps.helprequests import emails
from tenant_apps.helprequests.certificates import has_valid_certificate
from tenant_apps.helprequests.matching import match_reasons
from tenant_apps.helprequests.models import Assignment, FollowUpNote, HelpRequest, RequestType
from tenant_apps.people.models import AgeBand, Area, Consent, Language, Participant, Volunteer
from tenant_apps.people.selectors import mentions_health
from tenant_apps.people.services import participant_create
from toolkit.actors import PUBLIC_VISITOR, Actor
from toolkit.bounds import (
    CONTROL_CHARACTERS_MESSAGE,
    has_control_characters,
    position_next,
    position_refuse_outside,
)
from toolkit.emails import after_commit_in_this_schema
from toolkit.errors import ApplicationError

Status = HelpRequest.Status
SUBJECT = "help_request"
DESCRIPTION_MAX_LENGTH = 5000
NOTE_MAX_LENGTH = 5000
# The consents the public form may record: the visitor ticks them themselves.
PUBLIC_HELP_CONSENTS = (
    Consent.Purpose.REGISTRATION,
    Consent.Purpose.CONTACT,
    Consent.Purpose.HEALTH_DATA,
)

# Which status a request may move to from each status by a status change. "matched" is
# reached by assigning a volunteer (assign_volunteer), never by a bare status change.
TRANSITIONS: dict[str, frozenset[str]] = {
    Status.NEW: frozenset({Status.CLOSED}),
    Status.MATCHED: frozenset({Status.ACTIVE, Status.CLOSED}),
    Status.ACTIVE: frozenset({Status.PAUSED, Status.CLOSED}),
    Status.PAUSED: frozenset({Status.ACTIVE, Status.CLOSED}),
    Status.CLOSED: frozenset(),
}
DATE_FIELDS = {
    Status.MATCHED: "matched_at",
    Status.ACTIVE: "activated_at",
    Status.PAUSED: "paused_at",
    Status.CLOSED: "closed_at",
}


@dataclass(frozen=True)
class NewParticipant:
    """The least the centre needs to know about someone asking for help for the first time."""

    first_name: str
    last_name: str = ""
    phone: str = ""
    area: Area | None = None
    age_band: str = AgeBand.UNKNOWN


def _actor_label(actor: Actor) -> str:
    # A signed-in account has a full name; an actor without one is shown by e-mail address.
    return (getattr(actor, "full_name", "") or "").strip() or actor.email


def _status_label(status: str) -> str:
    return str(Status(status).label)


def _check_languages(languages) -> list[str]:
    languages = list(dict.fromkeys(languages or ()))
    unknown = [code for code in languages if code not in Language.values]
    if unknown:
        raise ApplicationError(
            _("Unknown language: %(codes)s.") % {"codes": ", ".join(unknown)}, field="languages"
        )
    return languages


def _check_request_type(request_type: RequestType | None, *, current=None) -> RequestType:
    if request_type is None:
        raise ApplicationError(_("Choose the type of help."), field="request_type")
    if not request_type.is_active and request_type != current:
        raise ApplicationError(
            _("“%(type)s” is no longer in use; choose another type of help.")
            % {"type": request_type.name},
            field="request_type",
        )
    return request_type


def _check_area(area: Area | None, *, field: str = "area", current=None) -> Area | None:
    if area is not None and not area.is_active and area != current:
        raise ApplicationError(
            _("The area “%(area)s” is no longer in use.") % {"area": area.name}, field=field
        )
    return area


def _check_description(description: str) -> str:
    description = (description or "").strip()
    if len(description) > DESCRIPTION_MAX_LENGTH:
        raise ApplicationError(
            _("Keep the description under %(count)d characters.")
            % {"count": DESCRIPTION_MAX_LENGTH},
            field="description",
        )
    return description


def _participant_create(actor: Actor, new: NewParticipant) -> Participant:
    first_name = (new.first_name or "").strip()
    if not first_name:
        raise ApplicationError(
            _("Enter the first name of the person who needs help."), field="first_name"
        )
    limits = {"first_name": 100, "last_name": 100, "phone": 30}
    values = {
        "first_name": first_name,
        "last_name": (new.last_name or "").strip(),
        "phone": (new.phone or "").strip(),
    }
    for name, value in values.items():
        if len(value) > limits[name]:
            raise ApplicationError(
                _("Keep this under %(count)d characters.") % {"count": limits[name]}, field=name
            )
    if new.age_band not in AgeBand.values:
        raise ApplicationError(_("Choose an age band from the list."), field="age_band")
    _check_area(new.area, field="participant_area")
    # The people app registers the person (and records that in the audit log).
    return participant_create(actor=actor, **values, area=new.area, age_band=new.age_band)


def help_request_create(
    *,
    actor: Actor,
    request_type: RequestType | None,
    participant: Participant | None = None,
    new_participant: NewParticipant | None = None,
    description: str = "",
    area: Area | None = None,
    languages: list[str] | tuple[str, ...] = (),
    requires_certificate: bool = False,
    source: str = HelpRequest.Source.STAFF,
    opened_at: datetime.datetime | None = None,
) -> HelpRequest:
    """Take a request for help, for a known participant or a new one (created minimal)."""
    if (participant is None) == (new_participant is None):
        raise ApplicationError(
            _("Choose the person who needs help, or enter a new one — not both."),
            field="participant",
        )
    request_type = _check_request_type(request_type)
    description = _check_description(description)
    languages = _check_languages(languages)
    _check_area(area)
    if source not in HelpRequest.Source.values:
        raise ApplicationError(_("Unknown source."), field="source")
    now = timezone.now()
    if opened_at is not None and opened_at > now:
        raise ApplicationError(_("A request cannot be opened in the future."), field="opened_at")
    with transaction.atomic():
        if participant is None:
            participant = _participant_create(actor, new_participant)
        help_request = HelpRequest.objects.create(
            participant=participant,
            request_type=request_type,
            description=description,
            area=area if area is not None else participant.area,
            languages=languages,
            requires_certificate=requires_certificate,
            source=source,
            status=Status.NEW,
            opened_at=opened_at or now,
            created_by_user_id=actor.pk,
        )
        audit_record(
            actor=actor,
            action=AuditAction.CREATED,
            subject_type=SUBJECT,
            subject_id=help_request.pk,
            code="help_request.created",
            params={"type": request_type.pk, "type_name": request_type.name},
        )
    return help_request


def _current_assignment(help_request: HelpRequest) -> Assignment | None:
    return (
        Assignment.objects.select_related("volunteer")
        .filter(help_request=help_request, ended_on__isnull=True)
        .first()
    )


def _locked(help_request: HelpRequest) -> HelpRequest:
    """The request's row, locked until the transaction ends, so that two coordinators
    changing it at once take turns."""
    return HelpRequest.objects.select_for_update().get(pk=help_request.pk)


def help_request_update(
    *,
    actor: Actor,
    help_request: HelpRequest,
    request_type: RequestType | None,
    description: str = "",
    area: Area | None = None,
    languages: list[str] | tuple[str, ...] = (),
    requires_certificate: bool = False,
) -> HelpRequest:
    """Change what a request is about (type, description, area, languages, certificate)."""
    with transaction.atomic():
        locked = _locked(help_request)
        request_type = _check_request_type(request_type, current=locked.request_type)
        description = _check_description(description)
        languages = _check_languages(languages)
        _check_area(area, current=locked.area)
        if requires_certificate and not locked.requires_certificate:
            current = _current_assignment(locked)
            if (
                current is not None
                and current.volunteer is not None
                and not has_valid_certificate(current.volunteer, timezone.localdate())
            ):
                raise ApplicationError(
                    _(
                        "%(name)s, who helps with this request now, has no valid police "
                        "certificate. Record one or end the assignment first."
                    )
                    % {"name": current.volunteer.full_name},
                    field="requires_certificate",
                )
        locked.request_type = request_type
        locked.description = description
        locked.area = area
        locked.languages = languages
        locked.requires_certificate = requires_certificate
        locked.save(
            update_fields=[
                "request_type",
                "description",
                "area",
                "languages",
                "requires_certificate",
            ]
        )
        audit_record(
            actor=actor,
            action=AuditAction.UPDATED,
            subject_type=SUBJECT,
            subject_id=locked.pk,
            code="help_request.details_changed",
        )
    return locked


def _refuse_transition(current: str, target: str) -> None:
    if current == target:
        raise ApplicationError(
            _("The request is already “%(status)s”.") % {"status": _status_label(current)},
            field="status",
        )
    if current == Status.CLOSED:
        raise ApplicationError(
            _("The request is closed. Reopen it first, then change its status."), field="status"
        )
    if target == Status.MATCHED:
        raise ApplicationError(
            _("A request becomes matched when you assign a volunteer to it."), field="status"
        )
    raise ApplicationError(
        _("A request that is “%(current)s” cannot become “%(target)s”.")
        % {"current": _status_label(current), "target": _status_label(target)},
        field="status",
    )


def help_request_change_status(
    *,
    actor: Actor,
    help_request: HelpRequest,
    status: str,
    at: datetime.datetime | None = None,
) -> HelpRequest:
    """Move a request along its lifecycle and record when; closing ends the assignment."""
    if status not in Status.values:
        raise ApplicationError(_("Unknown status."), field="status")
    at = at or timezone.now()
    with transaction.atomic():
        locked = _locked(help_request)
        if status not in TRANSITIONS[locked.status]:
            _refuse_transition(locked.status, status)
        current = _current_assignment(locked)
        if status == Status.ACTIVE and current is None:
            raise ApplicationError(_("Assign a volunteer before the help starts."), field="status")
        if status == Status.CLOSED and current is not None:
            current.ended_on = max(timezone.localdate(at), current.started_on)
            current.save(update_fields=["ended_on"])
        previous = locked.status
        locked.status = status
        setattr(locked, DATE_FIELDS[status], at)
        locked.save(update_fields=["status", DATE_FIELDS[status]])
        audit_record(
            actor=actor,
            action=AuditAction.UPDATED,
            subject_type=SUBJECT,
            subject_id=locked.pk,
            code="help_request.status_changed",
            params={"previous": previous, "status": status},
        )
    return locked


def help_request_reopen(*, actor: Actor, help_request: HelpRequest) -> HelpRequest:
    """Reopen a closed request (closed by mistake, or the need came back): it is "new" again
    and waits for a volunteer; the assignment that closing ended stays ended."""
    with transaction.atomic():
        locked = _locked(help_request)
        if locked.status != Status.CLOSED:
            raise ApplicationError(
                _("Only a closed request can be reopened; this one is “%(status)s”.")
                % {"status": _status_label(locked.status)},
                field="status",
            )
        locked.status = Status.NEW
        # The lifecycle shows where the request stands now: not closed, not yet matched.
        locked.closed_at = None
        locked.save(update_fields=["status", "closed_at"])
        audit_record(
            actor=actor,
            action=AuditAction.UPDATED,
            subject_type=SUBJECT,
            subject_id=locked.pk,
            code="help_request.reopened",
            params={"previous": Status.CLOSED, "status": Status.NEW},
        )
    help_request.status = locked.status
    help_request.closed_at = locked.closed_at
    return locked


def assign_volunteer(
    *,
    help_request: HelpRequest,
    volunteer: Volunteer,
    actor: Actor,
    reason: str = "",
    at: datetime.datetime | None = None,
) -> Assignment:
    """Let `volunteer` help with the request from today, ending the current assignment;
    the request becomes "matched"."""
    at = at or timezone.now()
    on_date = timezone.localdate(at)
    with transaction.atomic():
        locked = _locked(help_request)
        volunteer = Volunteer.objects.select_for_update().get(pk=volunteer.pk)
        if locked.status == Status.CLOSED:
            raise ApplicationError(
                _("The request is closed; nobody can be assigned to it."), field="volunteer"
            )
        if volunteer.status == Volunteer.Status.PAUSED:
            raise ApplicationError(
                _("%(name)s has paused volunteering and cannot be assigned.")
                % {"name": volunteer.full_name},
                field="volunteer",
            )
        if volunteer.status != Volunteer.Status.ACTIVE:
            raise ApplicationError(
                _("%(name)s no longer volunteers here and cannot be assigned.")
                % {"name": volunteer.full_name},
                field="volunteer",
            )
        if locked.requires_certificate and not has_valid_certificate(volunteer, on_date):
            raise ApplicationError(
                _(
                    "This request requires a police certificate, and %(name)s has no valid "
                    "one. Record the certificate first."
                )
                % {"name": volunteer.full_name},
                field="volunteer",
            )
        current = _current_assignment(locked)
        if current is not None and current.volunteer_id == volunteer.pk:
            raise ApplicationError(
                _("%(name)s already helps with this request.") % {"name": volunteer.full_name},
                field="volunteer",
            )
        if current is not None:
            current.ended_on = max(on_date, current.started_on)
            current.save(update_fields=["ended_on"])
        try:
            with transaction.atomic():
                assignment = Assignment.objects.create(
                    help_request=locked,
                    volunteer=volunteer,
                    started_on=on_date,
                    match_reason=(reason or "").strip()[:300],
                    match_reasons=match_reasons(locked, volunteer),
                )
        except IntegrityError:  # pragma: no cover - the row lock makes this a last resort
            raise ApplicationError(
                _("Someone else assigned a volunteer at the same moment. Try again."),
                field="volunteer",
            ) from None
        previous = locked.status
        locked.status = Status.MATCHED
        locked.matched_at = at
        locked.save(update_fields=["status", "matched_at"])
        audit_record(
            actor=actor,
            action=AuditAction.UPDATED,
            subject_type=SUBJECT,
            subject_id=locked.pk,
            code="help_request.volunteer_assigned",
            params={"volunteer": volunteer.pk, "previous": previous, "status": locked.status},
        )
    help_request.status = locked.status
    help_request.matched_at = locked.matched_at
    return assignment


def end_assignment(
    *,
    assignment: Assignment,
    actor: Actor,
    ended_on: datetime.date | None = None,
) -> Assignment:
    """End a volunteer's help with a request (the request keeps its status)."""
    ended_on = ended_on or timezone.localdate()
    with transaction.atomic():
        locked = Assignment.objects.select_for_update().get(pk=assignment.pk)
        if locked.ended_on is not None:
            raise ApplicationError(_("This assignment has already ended."), field="ended_on")
        if ended_on < locked.started_on:
            raise ApplicationError(
                _("An assignment cannot end before it started (%(date)s).")
                % {"date": date_format(locked.started_on, "SHORT_DATE_FORMAT")},
                field="ended_on",
            )
        if ended_on > timezone.localdate():
            raise ApplicationError(_("An assignment cannot end in the future."), field="ended_on")
        locked.ended_on = ended_on
        locked.save(update_fields=["ended_on"])
        audit_record(
            actor=actor,
            action=AuditAction.UPDATED,
            subject_type=SUBJECT,
            subject_id=locked.help_request_id,
            code="help_request.assignment_ended",
            params={"assignment": locked.pk, "volunteer": locked.volunteer_id},
        )
    return locked


def follow_up_note_add(*, help_request: HelpRequest, actor: Actor, text: str) -> FollowUpNote:
    """Add a coordinator's follow-up note to a request (callers let coordinators and
    managers only: volunteers never see or write notes)."""
    text = (text or "").strip()
    if not text:
        raise ApplicationError(_("Write the note first."), field="text")
    if len(text) > NOTE_MAX_LENGTH:
        raise ApplicationError(
            _("Keep the note under %(count)d characters.") % {"count": NOTE_MAX_LENGTH},
            field="text",
        )
    with transaction.atomic():
        note = FollowUpNote.objects.create(
            help_request=help_request,
            text=text,
            author_user_id=actor.pk,
            author_label=_actor_label(actor)[:200],
        )
        audit_record(
            actor=actor,
            action=AuditAction.CREATED,
            subject_type=SUBJECT,
            subject_id=help_request.pk,
            code="help_request.note_added",
        )
    return note


def help_request_record_viewed(*, actor: Actor, help_request: HelpRequest) -> None:
    """Record in the audit log that `actor` looked at a request and its participant."""
    audit_record(
        actor=actor, action=AuditAction.VIEWED, subject_type=SUBJECT, subject_id=help_request.pk
    )


def help_request_list_record_viewed(*, actor: Actor, assigned_to_me: bool = False) -> None:
    """Record in the audit log that `actor` looked at a list of requests (all of them, or
    those they help with)."""
    audit_record(
        actor=actor,
        action=AuditAction.VIEWED,
        subject_type=SUBJECT,
        code="help_request.mine_listed" if assigned_to_me else "help_request.listed",
    )


# --- Request types ----------------------------------------------------------------------


def _check_type_name(name: str) -> str:
    name = (name or "").strip()
    if not name:
        raise ApplicationError(_("Give the type of help a name."), field="name")
    if len(name) > 100:
        raise ApplicationError(
            _("Keep this under %(count)d characters.") % {"count": 100}, field="name"
        )
    if has_control_characters(name):
        raise ApplicationError(CONTROL_CHARACTERS_MESSAGE, field="name")
    return name


def request_type_create(*, name: str, code: str = "", position: int | None = None) -> RequestType:
    """Add a type of help to the centre's list; it goes last unless a position is given."""
    name = _check_type_name(name)
    code = slugify(code or name)[:50]
    if not code:
        raise ApplicationError(
            _("Use letters or digits in the code (e.g. “homework-help”)."), field="code"
        )
    with transaction.atomic():
        if RequestType.objects.filter(code=code).exists():
            raise ApplicationError(
                _("This centre already has a type of help with this code."), field="code"
            )
        if position is None:
            highest = RequestType.objects.aggregate(highest=Max("position"))["highest"]
            position = position_next(highest)
        position_refuse_outside(position)
        return RequestType.objects.create(code=code, name=name, position=position)


def request_type_update(
    *, request_type: RequestType, name: str, position: int, is_active: bool
) -> RequestType:
    """Rename, reorder or retire a type of help (retired types stay on existing requests)."""
    name = _check_type_name(name)
    position_refuse_outside(position)
    request_type.name = name
    request_type.position = position
    request_type.is_active = is_active
    with transaction.atomic():
        request_type.save(update_fields=["name", "position", "is_active"])
    return request_type


def help_request_submit_public(
    *,
    first_name: str,
    last_name: str = "",
    phone: str,
    request_type: RequestType | None,
    description: str = "",
    area: Area | None = None,
    consents: list[str] | tuple[str, ...] = (),
    email: str = "",
    language: str,
) -> HelpRequest:
    """Take a request for help from the public form: a new participant with the consents
    they ticked and a NEW request marked as from the public form, for a coordinator to
    triage. Health details need the person's explicit consent (GDPR art. 9). The e-mail
    address, if given, only receives the confirmation and is not kept."""
    consents = list(dict.fromkeys(consents))
    if Consent.Purpose.REGISTRATION not in consents:
        raise ApplicationError(
            _("We can only take your request if you agree that we keep your details."),
            field="consents",
        )
    if any(purpose not in PUBLIC_HELP_CONSENTS for purpose in consents):
        raise ApplicationError(_("Choose a purpose from the list."), field="consents")
    if not (phone or "").strip():
        raise ApplicationError(_("Enter a phone number we can call you on."), field="phone")
    if mentions_health(description) and Consent.Purpose.HEALTH_DATA not in consents:
        raise ApplicationError(
            _(
                "Your text mentions health. Tick the box to let us record health details, "
                "or leave them out and tell us on the phone."
            ),
            field="description",
        )
    request_type = _check_request_type(request_type)
    if area is not None and not area.is_active:
        raise ApplicationError(_("Choose an area from the list."), field="area")
    with transaction.atomic():
        participant = participant_create(
            actor=PUBLIC_VISITOR,
            first_name=(first_name or "").strip(),
            last_name=(last_name or "").strip(),
            phone=phone,
            area=area,
            consents=consents,
        )
        help_request = help_request_create(
            actor=PUBLIC_VISITOR,
            request_type=request_type,
            participant=participant,
            description=description,
            area=area,
            source=HelpRequest.Source.PUBLIC_FORM,
        )
        if email:
            context = {"first_name": participant.first_name, "type_name": request_type.name}
            after_commit_in_this_schema(
                lambda: emails.help_request_received_email_send(
                    to=email, context=context, language=language
                )
            )
    return help_request
