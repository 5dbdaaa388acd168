"""GDPR writes in a centre: exports (recorded in the audit log), erasure of a volunteer, a
participant or the signed-in person's account, the retention rules and their run, and the
record of processing activities."""

from __future__ import annotations

import json
from dataclasses import dataclass

from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from shared_apps.accounts import facade
from shared_apps.ropa import facade as ropa
from tenant_apps.activities.emails import volunteer_language
from tenant_apps.activities.gdpr import session_signups_anonymise
from tenant_apps.audit.models import AuditAction
from tenant_apps.audit.services import audit_record
from tenant_apps.award.gdpr import nominations_anonymise
from tenant_apps.events.gdpr import registrations_anonymise
from tenant_apps.helprequests.gdpr import help_requests_anonymise
from tenant_apps.people.models import Participant, Volunteer
from tenant_apps.privacy import selectors
from tenant_apps.privacy.models import InactivityNotice, ProcessingActivity, RetentionRules
from tenant_apps.privacy.selectors import PersonalDataReport, Section
from tenants.current import centre_base_url, current_centre
from toolkit.actors import Actor
from toolkit.emails import send_templated_email
from toolkit.errors import ApplicationError
from toolkit.exports import ExportFile
from toolkit.filenames import file_part
from toolkit.pdf import pdf_from_html
from toolkit.personal_data import ACCOUNT, CONTACT, Person, json_ready, sections

JSON, PDF = "json", "pdf"


@dataclass(frozen=True)
class SystemActor:
    """The retention rules acting on their own (the scheduled task): id 0 in the audit log."""

    pk: int = 0
    email: str = "retention-rules"


RETENTION = SystemActor()


# --- Export ------------------------------------------------------------------------------


def _account_sections(user_id: int) -> list[Section]:
    account = facade.account_data(user_id=user_id)
    record = json_ready(
        {
            "email": account.email,
            "full_name": account.full_name,
            "language": account.preferred_language,
            "joined": account.joined,
            "last_sign_in": account.last_login,
            "second_factors": account.second_factors,
            "roles": [
                {"place": role.place, "role": role.role_label, "since": role.since}
                for role in account.roles
            ],
            "api_tokens": [
                {"name": token.name, "created": token.created_at, "revoked": token.revoked_at}
                for token in account.api_tokens
            ],
        }
    )
    return [
        Section(
            key="accounts.account",
            title=_("Your account"),
            records=[record],
            kept=_("The account keeps no e-mail address or name, and cannot sign in."),
            is_erased=True,
        )
    ]


def personal_data_report(*, person: Person, label: str) -> PersonalDataReport:
    """What the centre holds about `person`; for an account, the account itself and, when it
    is linked to a volunteer here, that volunteer's record too."""
    if person.kind != ACCOUNT:
        return selectors.personal_data(person=person, label=label)
    extra = _account_sections(person.pk)
    volunteer = Volunteer.objects.filter(account_user_id=person.pk).first()
    if volunteer is not None:
        own = selectors.volunteer_person(volunteer)
        # Rows found by e-mail address are in the account's sections already when the
        # volunteer record has the same address.
        found_by_email = {section.key for section in sections(CONTACT)} - {"audit.events"}
        same_email = own.email.lower() == person.email.lower()
        extra += [
            section
            for section in selectors.personal_data(person=own, label=label).sections
            if not (same_email and section.key in found_by_email)
        ]
    return selectors.personal_data(person=person, label=label, account_sections=extra)


def _export_stem(report: PersonalDataReport, centre_slug: str) -> str:
    return "-".join(
        [file_part(_("personal data")), centre_slug, report.person.kind, str(report.person.pk)]
    )


def personal_data_export(
    *, actor: Actor, person: Person, label: str, file_format: str
) -> ExportFile:
    """Everything the centre holds about a person as JSON or as a readable PDF; the audit
    log records who took it."""
    if file_format not in (JSON, PDF):
        raise ApplicationError(_("Choose JSON or PDF."), field="format")
    centre = current_centre()
    report = personal_data_report(person=person, label=label)
    now = timezone.now()
    stem = _export_stem(report, centre.slug)
    if file_format == JSON:
        content = json.dumps(
            report.as_json(centre_name=centre.name, exported_at=now), ensure_ascii=False, indent=2
        ).encode("utf-8")
        export = ExportFile(f"{stem}.json", "application/json", content)
    else:
        html = render_to_string(
            "privacy/pdf.html", {"report": report, "centre": centre, "exported_at": now}
        )
        export = ExportFile(f"{stem}.pdf", "application/pdf", pdf_from_html(html))
    audit_record(
        actor=actor,
        action=AuditAction.VIEWED,
        subject_type=person.kind,
        # Not the e-mail address of a contact: the log would then hold it after erasure.
        subject_id=person.pk if person.kind != CONTACT else "",
        code=f"{person.kind}.exported",
        params={"format": file_format},
    )
    return export


# --- Erasure -----------------------------------------------------------------------------


def _erase(person: Person) -> int:
    changed = 0
    for section in sections(person.kind):
        if section.erase is not None:
            changed += section.erase(person)
    return changed


def volunteer_erase(*, actor: Actor, volunteer: Volunteer) -> int:
    """Erase a volunteer's personal data in this centre; their hours, the help they gave and
    the statistics stay, without their name. Returns the number of records changed."""
    with transaction.atomic():
        volunteer = Volunteer.objects.select_for_update().get(pk=volunteer.pk)
        if volunteer.erased_at is not None:
            raise ApplicationError(_("This volunteer's data has already been erased."))
        changed = _erase(selectors.volunteer_person(volunteer))
        audit_record(
            actor=actor,
            action=AuditAction.DELETED,
            subject_type="volunteer",
            subject_id=volunteer.pk,
            code="volunteer.erased",
            params={"records": changed},
        )
    return changed


def participant_erase(*, actor: Actor, participant: Participant) -> int:
    """Erase a participant's personal data; their help requests stay, anonymised, for the
    statistics. Returns the number of records changed."""
    with transaction.atomic():
        participant = Participant.objects.select_for_update().get(pk=participant.pk)
        if participant.erased_at is not None:
            raise ApplicationError(_("This participant's data has already been erased."))
        changed = _erase(selectors.participant_person(participant))
        audit_record(
            actor=actor,
            action=AuditAction.DELETED,
            subject_type="participant",
            subject_id=participant.pk,
            code="participant.erased",
            params={"records": changed},
        )
    return changed


def contact_erase(*, actor: Actor, email: str) -> int:
    """Erase what people gave under `email` on the centre's public forms (sign-ups, event
    registrations, nominations, an association's contact person), anonymising each row in
    place so that the counts stay. Returns the number of records changed."""
    person = selectors.contact_person(email)
    if not person.email:
        raise ApplicationError(_("Enter an e-mail address."), field="email")
    with transaction.atomic():
        changed = _erase(person)
        if not changed:
            raise ApplicationError(_("Nothing is held under this e-mail address."))
        audit_record(
            actor=actor,
            action=AuditAction.DELETED,
            subject_type=CONTACT,
            code="contact.erased",
            params={"records": changed},
        )
    return changed


def account_erase(*, actor: Actor, centre_id: int) -> list[int]:
    """The signed-in person erases their account: their volunteer record here (if any) and
    what this centre holds about the account, then the account itself, which removes their
    roles at every centre. Returns the ids of the centres where they had a role."""
    person = selectors.account_person(centre_id=centre_id, user_id=actor.pk)
    if person is None:
        raise ApplicationError(_("You have no role at this centre."))
    with transaction.atomic():
        volunteer = Volunteer.objects.select_for_update().filter(account_user_id=actor.pk).first()
        if volunteer is not None and volunteer.erased_at is None:
            _erase(selectors.volunteer_person(volunteer))
            audit_record(
                actor=actor,
                action=AuditAction.DELETED,
                subject_type="volunteer",
                subject_id=volunteer.pk,
                code="volunteer.erased",
                params={"records": 0},
            )
        audit_record(
            actor=actor,
            action=AuditAction.DELETED,
            subject_type="account",
            subject_id=actor.pk,
            code="account.erased",
        )
        # Last: it finds the account's e-mail address in the log, this event's included.
        _erase(person)
        centre_ids = facade.account_erase(user_id=actor.pk)
    return centre_ids


# --- Retention ---------------------------------------------------------------------------


def retention_rules_update(
    *,
    actor: Actor,
    help_request_years: int,
    volunteer_inactive_months: int,
    volunteer_notice_months: int,
    public_form_months: int,
    is_automatic: bool,
) -> RetentionRules:
    """Change the centre's retention rules."""
    with transaction.atomic():
        rules = RetentionRules.objects.select_for_update().get(pk=selectors.retention_rules().pk)
        rules.help_request_years = help_request_years
        rules.volunteer_inactive_months = volunteer_inactive_months
        rules.volunteer_notice_months = volunteer_notice_months
        rules.public_form_months = public_form_months
        rules.is_automatic = is_automatic
        try:
            rules.full_clean()
        except Exception as error:  # ValidationError: say which field
            field, messages = next(iter(error.message_dict.items()))
            raise ApplicationError(messages[0], field=field) from error
        rules.save()
        audit_record(
            actor=actor,
            action=AuditAction.UPDATED,
            subject_type="retention_rules",
            subject_id=rules.pk,
            code="retention_rules.updated",
            params={
                "help_request_years": help_request_years,
                "volunteer_inactive_months": volunteer_inactive_months,
                "volunteer_notice_months": volunteer_notice_months,
                "public_form_months": public_form_months,
            },
        )
    return rules


def _remind(volunteer: Volunteer, change: selectors.PlannedChange) -> None:
    InactivityNotice.objects.update_or_create(
        volunteer=volunteer,
        defaults={
            "sent_at": timezone.now(),
            "last_active_on": change.since,
            "emailed": bool(volunteer.email),
        },
    )
    if volunteer.email:
        centre = current_centre()
        rules = selectors.retention_rules()
        context = {
            "centre_name": centre.name,
            "volunteer_name": volunteer.first_name,
            "months": rules.volunteer_inactive_months,
            "notice_months": rules.volunteer_notice_months,
            "link": centre_base_url(centre) + reverse("privacy:me"),
        }
        language = volunteer_language(volunteer, centre)
        email = volunteer.email
        transaction.on_commit(
            lambda: send_templated_email(
                to=email,
                template_prefix="privacy/emails/inactive",
                context=context,
                language=language,
            )
        )


@dataclass(frozen=True)
class RetentionResult:
    applied: list[selectors.PlannedChange]


def retention_apply(*, actor: Actor = RETENTION) -> RetentionResult:
    """Do what the retention plan says is due today: anonymise closed help requests (and
    participants with nothing else), remind inactive volunteers, anonymise those reminded
    long enough ago. Exactly what `retention_plan()` lists, each recorded in the audit log."""
    with transaction.atomic():
        # One run at a time in a centre (the nightly task and a manager's button): the second
        # waits, then finds nothing left due.
        RetentionRules.objects.select_for_update().filter(pk=selectors.retention_rules().pk).get()
        # A volunteer who took part again after a reminder starts over.
        active_days = selectors.last_active_days()
        for notice in InactivityNotice.objects.select_related("volunteer"):
            if active_days.get(notice.volunteer_id, notice.last_active_on) > notice.last_active_on:
                notice.delete()
        plan = selectors.retention_plan()
        for change in plan:
            _apply(actor, change)
        if plan:
            audit_record(
                actor=actor,
                action=AuditAction.UPDATED,
                subject_type="retention_rules",
                code="retention.applied",
                params={"changes": len(plan)},
            )
    return RetentionResult(applied=plan)


# Rows from public forms: how each is anonymised, and its subject in the audit log.
PUBLIC_FORM_ANONYMISERS = {
    selectors.ANONYMISE_SIGNUP: (session_signups_anonymise, "session_signup"),
    selectors.ANONYMISE_REGISTRATION: (registrations_anonymise, "event_registration"),
    selectors.ANONYMISE_NOMINATION: (nominations_anonymise, "nomination"),
}


def _apply(actor: Actor, change: selectors.PlannedChange) -> None:
    if change.action in PUBLIC_FORM_ANONYMISERS:
        anonymise, subject_type = PUBLIC_FORM_ANONYMISERS[change.action]
        anonymise([change.subject_id])
        audit_record(
            actor=actor,
            action=AuditAction.UPDATED,
            subject_type=subject_type,
            subject_id=change.subject_id,
            code=f"{subject_type}.anonymised",
            params={"ended_on": change.since.isoformat()},
        )
        return
    if change.action == selectors.ANONYMISE_REQUEST:
        help_requests_anonymise([change.subject_id])
        audit_record(
            actor=actor,
            action=AuditAction.UPDATED,
            subject_type="help_request",
            subject_id=change.subject_id,
            code="help_request.anonymised",
            params={"closed_on": change.since.isoformat()},
        )
    elif change.action == selectors.ANONYMISE_PARTICIPANT:
        participant = Participant.objects.select_for_update().get(pk=change.subject_id)
        _erase(selectors.participant_person(participant))
        audit_record(
            actor=actor,
            action=AuditAction.DELETED,
            subject_type="participant",
            subject_id=participant.pk,
            code="participant.anonymised",
        )
    elif change.action == selectors.REMIND_VOLUNTEER:
        volunteer = Volunteer.objects.get(pk=change.subject_id)
        _remind(volunteer, change)
        audit_record(
            actor=actor,
            action=AuditAction.UPDATED,
            subject_type="volunteer",
            subject_id=volunteer.pk,
            code="volunteer.inactivity_reminded",
            params={"last_active": change.since.isoformat()},
        )
    elif change.action == selectors.ANONYMISE_VOLUNTEER:
        volunteer = Volunteer.objects.select_for_update().get(pk=change.subject_id)
        _erase(selectors.volunteer_person(volunteer))
        audit_record(
            actor=actor,
            action=AuditAction.DELETED,
            subject_type="volunteer",
            subject_id=volunteer.pk,
            code="volunteer.anonymised",
            params={"last_active": change.since.isoformat()},
        )


# --- Record of processing activities -------------------------------------------------------


def processing_activities_install(*, centre_id: int) -> int:
    """Copy the federation's template into the centre's record, once (an empty record is
    filled; one the centre has written is left alone). Returns how many entries were made."""
    with transaction.atomic():
        if ProcessingActivity.objects.select_for_update().exists():
            return 0
        template = ropa.processing_template(centre_id=centre_id)
        ProcessingActivity.objects.bulk_create(
            ProcessingActivity(position=index, **entry.__dict__)
            for index, entry in enumerate(template, start=1)
        )
    return len(template)


PROCESSING_FIELDS = (
    "name",
    "purpose",
    "legal_basis",
    "data_subjects",
    "data_categories",
    "recipients",
    "retention",
    "security_measures",
)


def processing_activity_save(
    *, actor: Actor, activity: ProcessingActivity | None, **values: str
) -> ProcessingActivity:
    """Add an entry to the centre's record of processing activities, or change one."""
    unknown = set(values) - set(PROCESSING_FIELDS)
    if unknown:
        raise TypeError(f"processing_activity_save() got unexpected fields: {sorted(unknown)}")
    with transaction.atomic():
        if activity is None:
            last = ProcessingActivity.objects.order_by("-position").first()
            activity = ProcessingActivity(position=(last.position + 1) if last else 1)
            action = AuditAction.CREATED
        else:
            activity = ProcessingActivity.objects.select_for_update().get(pk=activity.pk)
            action = AuditAction.UPDATED
        for key, value in values.items():
            setattr(activity, key, value.strip())
        if not activity.name:
            raise ApplicationError(_("Name the processing activity."), field="name")
        activity.save()
        audit_record(
            actor=actor,
            action=action,
            subject_type="processing_activity",
            subject_id=activity.pk,
            code=f"processing_activity.{action}",
        )
    return activity


def processing_activity_delete(*, actor: Actor, activity: ProcessingActivity) -> None:
    """Remove an entry from the centre's record of processing activities."""
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=AuditAction.DELETED,
            subject_type="processing_activity",
            subject_id=activity.pk,
            code="processing_activity.deleted",
            params={"name": activity.name},
        )
        activity.delete()
