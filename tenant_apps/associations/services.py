"""Every write to the association directory: self-registration, approval, entries kept up
to date by staff or by the association's own contact, membership of the centre, and the
contacts' invitations."""

from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shared_apps.accounts import facade
from shared_apps.accounts.roles import Role
from tenant_apps.associations import emails
from tenant_apps.associations.models import Association, AssociationContact, Category
from tenant_apps.associations.orgnumbers import organisation_number_clean
from tenant_apps.audit.models import AuditAction
from tenant_apps.audit.services import audit_record
from tenant_apps.people.models import TargetGroup
from toolkit.actors import Actor
from toolkit.errors import ApplicationError


class NotYourAssociation(ApplicationError):
    """The signed-in contact keeps another association's entry, not this one."""

    http_status = 404


@dataclass(frozen=True)
class AssociationDetails:
    """What an association's entry says about it (all but status and membership)."""

    name: str
    organisation_number: str = ""
    categories: list[str] = field(default_factory=list)
    target_groups: list[str] = field(default_factory=list)
    description: str = ""
    contact_name: str = ""
    email: str = ""
    phone: str = ""
    website: str = ""
    address: str = ""
    is_public: bool = True


DETAIL_FIELDS = tuple(AssociationDetails.__dataclass_fields__)


def _checked(details: AssociationDetails, *, country: str, association_id: int | None) -> dict:
    values = asdict(details)
    values["name"] = values["name"].strip()
    if not values["name"]:
        raise ApplicationError(_("Enter the association's name."), field="name")
    values["organisation_number"] = organisation_number_clean(
        values["organisation_number"], country=country
    )
    number = values["organisation_number"]
    if (
        number
        and Association.objects.filter(organisation_number=number)
        .exclude(pk=association_id)
        .exists()
    ):
        raise ApplicationError(
            _("An association with this organisation number is already in the directory."),
            field="organisation_number",
        )
    values["categories"] = [code for code in Category.values if code in values["categories"]]
    values["target_groups"] = [
        code for code in TargetGroup.values if code in values["target_groups"]
    ]
    return values


def _save(association: Association) -> None:
    try:
        with transaction.atomic():
            association.save()
    except IntegrityError:
        # Two saves of the same number at once: the constraint is the last word.
        raise ApplicationError(
            _("An association with this organisation number is already in the directory."),
            field="organisation_number",
        ) from None


def association_register(*, details: AssociationDetails, country: str) -> Association:
    """An association asks to be listed (public form): it waits for the staff's approval.
    The contact gets a receipt by e-mail."""
    values = _checked(details, country=country, association_id=None)
    association = Association(**values, status=Association.Status.PENDING)
    with transaction.atomic():
        _save(association)
        if association.email:
            association_id = association.pk
            transaction.on_commit(lambda: emails.registration_received_send(association_id))
    return association


def association_create(*, actor: Actor, details: AssociationDetails, country: str) -> Association:
    """Staff add an association to the directory themselves (approved at once)."""
    values = _checked(details, country=country, association_id=None)
    association = Association(
        **values, status=Association.Status.APPROVED, decided_at=timezone.now()
    )
    with transaction.atomic():
        _save(association)
        audit_record(
            actor=actor,
            action=AuditAction.CREATED,
            subject_type="association",
            subject_id=association.pk,
            code="association.created",
        )
    return association


def _check_contact(*, actor: Actor, association: Association) -> None:
    if not AssociationContact.objects.filter(association=association, user_id=actor.pk).exists():
        raise NotYourAssociation(_("You are not a contact of this association."))


def association_update(
    *,
    actor: Actor,
    association: Association,
    details: AssociationDetails,
    country: str,
    as_contact: bool = False,
) -> Association:
    """Change an association's entry, by staff or (`as_contact`) by one of its contacts."""
    if as_contact:
        _check_contact(actor=actor, association=association)
    values = _checked(details, country=country, association_id=association.pk)
    changed = [name for name in DETAIL_FIELDS if getattr(association, name) != values[name]]
    if not changed:
        return association
    for name in changed:
        setattr(association, name, values[name])
    with transaction.atomic():
        _save(association)
        audit_record(
            actor=actor,
            action=AuditAction.UPDATED,
            subject_type="association",
            subject_id=association.pk,
            code="association.updated",
            params={"fields": changed},
        )
    return association


def association_decide(*, actor: Actor, association: Association, approve: bool) -> Association:
    """Approve a registration (listed from now on, if public) or decline it (never listed)."""
    status = Association.Status.APPROVED if approve else Association.Status.DECLINED
    with transaction.atomic():
        locked = Association.objects.select_for_update().get(pk=association.pk)
        previous = locked.status
        if previous == status:
            return locked
        locked.status = status
        locked.decided_at = timezone.now()
        if not approve:
            locked.member_since = None
        locked.save(update_fields=["status", "decided_at", "member_since", "updated_at"])
        audit_record(
            actor=actor,
            action=AuditAction.UPDATED,
            subject_type="association",
            subject_id=locked.pk,
            code="association.status_changed",
            params={"previous": previous, "status": status},
        )
    return locked


def association_membership_set(
    *,
    actor: Actor,
    association: Association,
    member_since: datetime.date | None,
    member_contact_name: str = "",
) -> Association:
    """Make the association a member association of the centre from a date (None ends the
    membership), with its contact person for the membership."""
    if member_since is not None and association.status != Association.Status.APPROVED:
        raise ApplicationError(
            _("Approve the association before making it a member."), field="member_since"
        )
    if member_since is not None and member_since > timezone.localdate():
        raise ApplicationError(
            _("The membership cannot start in the future."), field="member_since"
        )
    with transaction.atomic():
        association.member_since = member_since
        association.member_contact_name = member_contact_name.strip() if member_since else ""
        association.save(update_fields=["member_since", "member_contact_name", "updated_at"])
        audit_record(
            actor=actor,
            action=AuditAction.UPDATED,
            subject_type="association",
            subject_id=association.pk,
            code="association.membership_set" if member_since else "association.membership_ended",
            params={"since": member_since.isoformat()} if member_since else {},
        )
    return association


def association_contact_invite(
    *,
    actor: Actor,
    centre_id: int,
    association: Association,
    email: str,
    host: str,
    language: str,
) -> AssociationContact:
    """Invite a person by e-mail to keep the association's entry up to date (the role
    "association contact"); an existing contact of another association is linked at once."""
    email = email.strip().lower()
    if AssociationContact.objects.filter(association=association, email__iexact=email).exists():
        raise ApplicationError(
            _("%(email)s is already a contact of this association.") % {"email": email},
            field="email",
        )
    member = next(
        (m for m in facade.centre_members(centre_id=centre_id) if m.email.lower() == email), None
    )
    if member is not None and member.role != Role.ASSOCIATION_CONTACT:
        # One role per person at a centre: the invitation would take their role away.
        raise ApplicationError(
            _(
                "%(email)s already has the role “%(role)s” here. A person has one role at a "
                "centre: use another address for the association."
            )
            % {"email": email, "role": member.role_label},
            field="email",
        )
    with transaction.atomic():
        contact = AssociationContact.objects.create(
            association=association,
            email=email,
            user_id=member.user_id if member is not None else None,
        )
        if member is None:
            facade.member_invite(
                actor_id=actor.pk,
                centre_id=centre_id,
                email=email,
                role=Role.ASSOCIATION_CONTACT,
                host=host,
                language=language,
            )
        audit_record(
            actor=actor,
            action=AuditAction.INVITED,
            subject_type="association",
            subject_id=association.pk,
            code="association.contact_invited",
            params={"email": email},
        )
    return contact


def association_contact_remove(*, actor: Actor, contact: AssociationContact) -> None:
    """The person no longer keeps this association's entry (their account stays; a manager
    removes their role on the members page)."""
    with transaction.atomic():
        association_id, email = contact.association_id, contact.email
        contact.delete()
        audit_record(
            actor=actor,
            action=AuditAction.REMOVED,
            subject_type="association",
            subject_id=association_id,
            code="association.contact_removed",
            params={"email": email},
        )


def association_contacts_claim(*, user_id: int, email: str) -> int:
    """Link the invitations to `email` to the account that accepted them (the invitation's
    address is the account's, so the link is proven); returns how many were linked."""
    return AssociationContact.objects.filter(user_id__isnull=True, email__iexact=email).update(
        user_id=user_id
    )
