"""Offers to volunteer sent on the centre's public form, and the staff's answer to them.

An offer is a volunteer with status APPLIED and source PUBLIC_FORM, with the consents the
visitor ticked recorded like any other consent. Staff accept it (the volunteer becomes active
from that day) or decline it (the record and its consents are deleted: the centre keeps no
details of someone it will not work with).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext as _

from tenant_apps.audit.models import AuditAction
from tenant_apps.people import emails, selectors
from tenant_apps.people.models import Consent, Volunteer
from tenant_apps.people.services.common import person_audit
from tenant_apps.people.services.volunteers import volunteer_create
from toolkit.actors import PUBLIC_VISITOR, Actor
from toolkit.emails import after_commit_in_this_schema
from toolkit.errors import ApplicationError

APPLICATION_TEXT_MAX_LENGTH = 2000
# The consents the public form may record: the visitor ticks them themselves.
PUBLIC_CONSENTS = (Consent.Purpose.REGISTRATION, Consent.Purpose.CONTACT)


def volunteer_apply(
    *,
    first_name: str,
    last_name: str,
    email: str,
    phone: str = "",
    application_text: str = "",
    consents: Iterable[str] = (),
    language: str,
) -> Volunteer:
    """Take an offer to volunteer from the public form: a volunteer waiting for an answer,
    with the consents given, and a confirmation e-mail to the address given (in `language`)."""
    consents = list(dict.fromkeys(consents))
    if Consent.Purpose.REGISTRATION not in consents:
        raise ApplicationError(
            _("We can only take your offer if you agree that we keep your details."),
            field="consents",
        )
    if any(purpose not in PUBLIC_CONSENTS for purpose in consents):
        raise ApplicationError(_("Choose a purpose from the list."), field="consents")
    if not (email or "").strip():
        raise ApplicationError(_("Enter your e-mail address."), field="email")
    application_text = (application_text or "").strip()
    if len(application_text) > APPLICATION_TEXT_MAX_LENGTH:
        raise ApplicationError(
            _("Keep this under %(count)d characters.") % {"count": APPLICATION_TEXT_MAX_LENGTH},
            field="application_text",
        )
    with transaction.atomic():
        volunteer = volunteer_create(
            actor=PUBLIC_VISITOR,
            first_name=first_name,
            last_name=last_name,
            email=email,
            phone=phone,
            status=Volunteer.Status.APPLIED,
            consents=consents,
        )
        volunteer.source = Volunteer.Source.PUBLIC_FORM
        volunteer.application_text = application_text
        volunteer.save(update_fields=["source", "application_text", "updated_at"])
        volunteer_id = volunteer.pk
        after_commit_in_this_schema(
            lambda: emails.application_received_email_send(volunteer_id, language=language)
        )
    return volunteer


def _locked_application(volunteer: Volunteer) -> Volunteer:
    volunteer = Volunteer.objects.select_for_update().get(pk=volunteer.pk)
    if volunteer.status != Volunteer.Status.APPLIED:
        raise ApplicationError(_("This offer to volunteer has already been answered."))
    return volunteer


def volunteer_application_accept(*, actor: Actor, volunteer: Volunteer) -> Volunteer:
    """Accept an offer to volunteer: the person is an active volunteer from today."""
    with transaction.atomic():
        volunteer = _locked_application(volunteer)
        volunteer.status = Volunteer.Status.ACTIVE
        volunteer.start_date = selectors.today()
        volunteer.save(update_fields=["status", "start_date", "updated_at"])
        person_audit(
            actor=actor,
            action=AuditAction.UPDATED,
            person=volunteer,
            event="application_accepted",
        )
    return volunteer


def volunteer_application_decline(*, actor: Actor, volunteer: Volunteer) -> None:
    """Decline an offer to volunteer: the record and its consents are deleted."""
    with transaction.atomic():
        volunteer = _locked_application(volunteer)
        person_audit(
            actor=actor,
            action=AuditAction.DELETED,
            person=volunteer,
            event="application_declined",
        )
        volunteer.delete()
