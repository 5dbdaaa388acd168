"""Every write to accounts: invitations, centre memberships, a person's own preferences.

Who may do what is checked here, not in the views: a centre's code reaches these services
through its facade and must meet the same rules as the platform's pages.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.http.request import split_domain_port
from django.utils import timezone
from django.utils.translation import gettext as _

from shared_apps.accounts import tokens
from shared_apps.accounts.contracts import CentreRoleChange
from shared_apps.accounts.emails import appointment_waiting_email_send, invitation_email_send
from shared_apps.accounts.models import (
    CentreMembership,
    FederationMembership,
    Invitation,
    MunicipalityViewer,
    RevokedBecause,
    User,
)
from shared_apps.accounts.role_changes import centre_role_changed
from shared_apps.accounts.roles import CENTRE_ROLES, FEDERATION_ROLES, Role, expand
from shared_apps.accounts.selectors import invitations_awaiting_approval
from tenants.models import Centre, Domain, Federation, Municipality
from toolkit.errors import ApplicationError

SUPPORTED_LANGUAGES = frozenset(code for code, _name in settings.LANGUAGES)
# How long a manager appointment waits for a platform operator before it lapses.
APPROVAL_WAIT_DAYS = 30


class NotAllowed(ApplicationError):
    """The person may not do this (a facade can answer 403)."""


class AwaitsApproval(NotAllowed):
    """A manager appointment that needs a platform operator's approval first."""


class InvitationUnusable(ApplicationError):
    """The invitation link is unknown, expired or already used."""

    def __init__(self, message: str, *, reason: str) -> None:
        super().__init__(message)
        self.reason = reason  # "unknown", "expired" or "used"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _role_label(role: str) -> str:
    return str(Role(role).label) if role in Role.values else role


def _is_centre_admin(user: User, centre: Centre) -> bool:
    return CentreMembership.objects.filter(
        user=user, centre=centre, role=Role.CENTRE_ADMIN
    ).exists()


def _is_federation_admin(user: User, federation: Federation) -> bool:
    return FederationMembership.objects.filter(
        user=user, federation=federation, role=Role.FEDERATION_ADMIN
    ).exists()


def _check_inviter(
    *,
    invited_by: User,
    role: str,
    centre: Centre | None,
    federation: Federation | None,
    municipality: Municipality | None,
) -> None:
    refused = NotAllowed(
        _("You may not invite people as “%(role)s” here.") % {"role": _role_label(role)}
    )
    if not invited_by.is_active:
        raise refused
    if invited_by.is_superuser:
        return
    if role in (Role.COORDINATOR, Role.VOLUNTEER):
        if centre is None or not _is_centre_admin(invited_by, centre):
            raise refused
        return
    if role == Role.CENTRE_ADMIN:
        # The federation appoints a centre's first managers, for its own centres only.
        if centre is None or not _is_federation_admin(invited_by, centre.federation):
            raise refused
        if federation is not None and federation.pk != centre.federation_id:
            raise refused
        return
    if role == Role.ASSOCIATION_CONTACT:
        # The centre's staff invite an association's contact person (tenant_apps.associations).
        if (
            centre is None
            or not CentreMembership.objects.filter(
                user=invited_by, centre=centre, role__in=(Role.CENTRE_ADMIN, Role.COORDINATOR)
            ).exists()
        ):
            raise refused
        return
    if role == Role.MUNICIPALITY_VIEWER:
        if (
            federation is None
            or municipality is None
            or municipality.country != federation.country
            or not _is_federation_admin(invited_by, federation)
        ):
            raise refused
        if not Centre.objects.filter(federation=federation, municipality=municipality).exists():
            # A viewer sees the municipality's centres: only where the federation has some.
            raise NotAllowed(
                _("The federation has no centre in %(municipality)s.")
                % {"municipality": municipality.name},
                field="municipality",
            )
        return
    raise refused


def _is_operator(user: User) -> bool:
    return user.is_active and (user.is_staff or user.is_superuser)


def _centre_has_manager(centre: Centre) -> bool:
    return CentreMembership.objects.filter(centre=centre, role=Role.CENTRE_ADMIN).exists()


def _appointment_needs_approval(*, role: str, centre: Centre | None) -> bool:
    """A federation may appoint a centre's manager only while the centre has none; after
    that only with a platform operator's approval. Whoever asks — an operator too — never
    decides alone: another operator approves (_awaiting_locked)."""
    if role != Role.CENTRE_ADMIN or centre is None:
        return False
    return _centre_has_manager(centre)


def _place_of(
    *,
    role: str,
    centre: Centre | None,
    federation: Federation | None,
    municipality: Municipality | None,
) -> dict:
    """The one place an invitation of this role is for (the model allows exactly one)."""
    if role in CENTRE_ROLES:
        if centre is None:
            raise ApplicationError(_("Choose the centre to invite to."), field="centre")
        return {"centre": centre}
    if role in FEDERATION_ROLES:
        if federation is None:
            raise ApplicationError(_("Choose the federation to invite to."), field="federation")
        return {"federation": federation}
    if role == Role.MUNICIPALITY_VIEWER:
        if municipality is None:
            raise ApplicationError(_("Choose the municipality to invite to."), field="municipality")
        return {"municipality": municipality}
    raise ApplicationError(
        _("Platform operators are appointed by another operator in the admin, not invited."),
        field="role",
    )


def _check_host(*, host: str, centre: Centre | None) -> None:
    """The link must open on the host where the invitation can be accepted."""
    hostname, _port = split_domain_port(host.strip().lower())
    if centre is not None:
        valid = Domain.objects.filter(tenant=centre, domain=hostname).exists()
    else:
        valid = hostname == settings.PLATFORM_DOMAIN
    if not valid:
        raise ApplicationError(_("The invitation link would point to the wrong address."))


def _holds_role(*, email: str, role: str, place: dict) -> bool:
    """Whether the e-mail's account already has this role (or one including it) there."""
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        return False
    if "centre" in place:
        held = CentreMembership.objects.filter(user=user, centre=place["centre"]).first()
        return held is not None and role in expand({held.role})
    if "federation" in place:
        held = FederationMembership.objects.filter(
            user=user, federation=place["federation"]
        ).first()
        return held is not None and role in expand({held.role})
    return MunicipalityViewer.objects.filter(user=user, municipality=place["municipality"]).exists()


def invitation_send(
    *,
    invited_by: User,
    email: str,
    role: str,
    host: str,
    language: str,
    centre: Centre | None = None,
    federation: Federation | None = None,
    municipality: Municipality | None = None,
) -> Invitation:
    """Invite a person by e-mail to take a role at a centre, federation or municipality.

    `host` is where the link opens (with port if any): the centre's own host for a centre
    role, the platform host otherwise. The e-mail goes out after the transaction commits.
    """
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ApplicationError(_("Enter a valid e-mail address."), field="email") from None
    if role not in Role.values:
        raise ApplicationError(_("Unknown role."), field="role")
    if email == invited_by.email.strip().lower():
        # Nobody gives themselves a role: someone else must choose them.
        raise NotAllowed(
            _("You cannot invite yourself. Ask someone else who may invite to do it."),
            field="email",
        )
    _check_inviter(
        invited_by=invited_by,
        role=role,
        centre=centre,
        federation=federation,
        municipality=municipality,
    )
    place = _place_of(role=role, centre=centre, federation=federation, municipality=municipality)
    _check_host(host=host, centre=place.get("centre"))
    if language not in SUPPORTED_LANGUAGES:
        language = settings.LANGUAGE_CODE

    if _holds_role(email=email, role=role, place=place):
        raise ApplicationError(
            _("%(email)s already has this role or a higher one.") % {"email": email},
            field="email",
        )
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    with transaction.atomic():
        # Lock the place: two admins inviting the same person at once make one invitation.
        (place_object,) = place.values()
        type(place_object).objects.select_for_update().get(pk=place_object.pk)
        pending = Invitation.objects.filter(
            email__iexact=email, accepted_at__isnull=True, expires_at__gt=now, **place
        )
        if pending.exists():
            raise ApplicationError(
                _("%(email)s already has an invitation here that has not been answered.")
                % {"email": email},
                field="email",
            )
        # Decided under the lock of the centre: two appointments at once see each other.
        needs_approval = _appointment_needs_approval(role=role, centre=place.get("centre"))
        invitation = Invitation.objects.create(
            email=email,
            role=role,
            invited_by=invited_by,
            # Never e-mailed while it waits: approval makes a new link (invitation_approve).
            token_hash=token_hash(token),
            language=language,
            expires_at=now
            + timedelta(
                days=APPROVAL_WAIT_DAYS if needs_approval else settings.INVITATION_VALID_DAYS
            ),
            approval_requested_at=now if needs_approval else None,
            **place,
        )
        if needs_approval:
            _appointment_waiting_mail_on_commit(invitation=invitation, host=host)
        else:
            _invitation_mail_on_commit(invitation=invitation, host=host, token=token)
    return invitation


def _appointment_waiting_mail_on_commit(*, invitation: Invitation, host: str) -> None:
    """Tell the platform operators, once committed, where to decide on the appointment."""
    scheme = "http" if settings.DEBUG else "https"
    _hostname, port = split_domain_port(host.strip().lower())
    platform = f"{settings.PLATFORM_DOMAIN}:{port}" if port else settings.PLATFORM_DOMAIN
    link = f"{scheme}://{platform}/operator/appointments/{invitation.pk}/"
    invitation_id = invitation.pk
    transaction.on_commit(
        lambda: appointment_waiting_email_send(invitation_id=invitation_id, link=link)
    )


def _invitation_mail_on_commit(*, invitation: Invitation, host: str, token: str) -> None:
    """E-mail the link with `token` once the transaction commits (never for a rolled-back one)."""
    scheme = "http" if settings.DEBUG else "https"
    link = f"{scheme}://{host.strip().lower()}/account/invitation/{token}/"
    invitation_id = invitation.pk
    transaction.on_commit(lambda: invitation_email_send(invitation_id=invitation_id, link=link))


def _pending_invitation_locked(invitation: Invitation) -> Invitation:
    """The invitation row, locked, if it is still pending; else ApplicationError."""
    locked = (
        Invitation.objects.select_for_update()
        .filter(pk=invitation.pk, accepted_at__isnull=True, expires_at__gt=timezone.now())
        .first()
    )
    if locked is None:
        raise ApplicationError(
            _("This invitation has been accepted, has expired or has been withdrawn.")
        )
    return locked


def _check_may_manage_invitation(*, actor: User, invitation: Invitation) -> None:
    """Who may send an invitation may also send it again or withdraw it."""
    _check_inviter(
        invited_by=actor,
        role=invitation.role,
        centre=invitation.centre,
        federation=invitation.federation,
        municipality=invitation.municipality,
    )


def invitation_resend(*, actor: User, invitation: Invitation, host: str) -> Invitation:
    """Send a pending invitation again with a new link, valid for the full period again; the
    old link stops working. The e-mail goes out after the transaction commits."""
    _check_may_manage_invitation(actor=actor, invitation=invitation)
    _check_host(host=host, centre=invitation.centre)
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        invitation = _pending_invitation_locked(invitation)
        if invitation.awaits_approval:
            raise AwaitsApproval(
                _("This appointment waits for a platform operator's approval; it is sent then.")
            )
        invitation.token_hash = token_hash(token)
        invitation.expires_at = timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS)
        invitation.save(update_fields=["token_hash", "expires_at"])
        _invitation_mail_on_commit(invitation=invitation, host=host, token=token)
    return invitation


def invitation_revoke(*, actor: User, invitation: Invitation) -> Invitation:
    """Withdraw a pending invitation: it is deleted, so its link leads nowhere. Returns the
    invitation as it was (the audit trail of the place keeps the record)."""
    _check_may_manage_invitation(actor=actor, invitation=invitation)
    with transaction.atomic():
        invitation = _pending_invitation_locked(invitation)
        invitation_id = invitation.pk
        invitation.delete()
        invitation.pk = invitation_id
    return invitation


def invitation_for_token(token: str) -> Invitation:
    """The invitation behind a link, if it can still be accepted; else InvitationUnusable."""
    invitation = (
        Invitation.objects.select_related("centre", "federation", "municipality", "invited_by")
        .filter(token_hash=token_hash(token))
        .first()
    )
    if invitation is None or invitation.awaits_approval or invitation.refused_at is not None:
        # A link of an appointment still waiting for approval was never sent to anyone.
        raise InvitationUnusable(
            _("This invitation link is not valid. Check that you copied all of it."),
            reason="unknown",
        )
    if invitation.accepted_at is not None:
        raise InvitationUnusable(
            _("This invitation has already been accepted. Sign in to continue."), reason="used"
        )
    if invitation.expires_at <= timezone.now():
        raise InvitationUnusable(
            _("This invitation has expired. Ask the person who invited you to send a new one."),
            reason="expired",
        )
    return invitation


def _grant(*, user: User, invitation: Invitation) -> None:
    """Give the invited role; an existing higher role at the same place is kept."""
    if invitation.centre_id is not None:
        membership, created = CentreMembership.objects.select_for_update().get_or_create(
            user=user, centre_id=invitation.centre_id, defaults={"role": invitation.role}
        )
        previous = "" if created else membership.role
        if not created and invitation.role not in expand({membership.role}):
            membership.role = invitation.role
            membership.save(update_fields=["role"])
        if previous != membership.role:
            if previous:
                tokens.api_tokens_revoke_all(
                    user_id=user.pk,
                    centre_id=invitation.centre_id,
                    reason=RevokedBecause.ROLE_CHANGED,
                )
            inviter, approver = invitation.invited_by, invitation.approved_by
            centre_role_changed(
                centre=invitation.centre,
                change=CentreRoleChange(
                    centre_id=invitation.centre_id,
                    user_id=user.pk,
                    user_email=user.email,
                    previous_role=previous,
                    role=membership.role,
                    actor_id=user.pk,
                    actor_email=user.email,
                    invited_by_email=inviter.email if inviter else "",
                    approved_by_email=approver.email if approver else "",
                ),
            )
    elif invitation.federation_id is not None:
        membership, created = FederationMembership.objects.select_for_update().get_or_create(
            user=user, federation_id=invitation.federation_id, defaults={"role": invitation.role}
        )
        if not created and invitation.role not in expand({membership.role}):
            membership.role = invitation.role
            membership.save(update_fields=["role"])
    else:
        MunicipalityViewer.objects.get_or_create(
            user=user, municipality_id=invitation.municipality_id
        )


def _appointment_now_needs_approval(invitation: Invitation) -> bool:
    """A federation's appointment sent while the centre had no manager, accepted after it
    got one: the rule holds at the moment the role is given, too."""
    if invitation.approved_at is not None:
        return False
    if invitation.centre_id is not None:
        # Lock the centre: two first managers accepting at once are decided one by one.
        Centre.objects.select_for_update().get(pk=invitation.centre_id)
    return _appointment_needs_approval(role=invitation.role, centre=invitation.centre)


def invitation_accept(
    *, token: str, user: User | None, full_name: str = "", password: str = ""
) -> User:
    """Accept an invitation: as the signed-in owner of the e-mail, or by making the account.

    Raises AwaitsApproval (after saving that the appointment now waits for a platform
    operator) when a federation's manager appointment meets a centre that has a manager."""
    awaits_approval = False
    with transaction.atomic():
        invitation = invitation_for_token(token)
        # Lock it: a link double-clicked or used in two tabs is accepted once.
        invitation = (
            Invitation.objects.select_for_update(of=("self",))
            .select_related("centre", "invited_by", "approved_by")
            .get(pk=invitation.pk)
        )
        if invitation.accepted_at is not None:
            raise InvitationUnusable(
                _("This invitation has already been accepted. Sign in to continue."),
                reason="used",
            )
        account = User.objects.filter(email__iexact=invitation.email).first()
        if account is not None:
            if user is None or not user.is_authenticated or user.pk != account.pk:
                raise NotAllowed(
                    _("This invitation is for %(email)s. Sign in with that account to accept it.")
                    % {"email": invitation.email}
                )
            if not account.is_active:
                raise NotAllowed(_("This account is closed."))
        if _appointment_now_needs_approval(invitation):
            invitation.approval_requested_at = timezone.now()
            invitation.expires_at = timezone.now() + timedelta(days=APPROVAL_WAIT_DAYS)
            invitation.save(update_fields=["approval_requested_at", "expires_at"])
            centre = invitation.centre
            _appointment_waiting_mail_on_commit(
                invitation=invitation, host=f"{centre.slug}.{settings.PLATFORM_DOMAIN}"
            )
            awaits_approval = True
        else:
            if account is None:
                account = _account_create(
                    email=invitation.email,
                    full_name=full_name,
                    password=password,
                    language=invitation.language,
                )
            _grant(user=account, invitation=invitation)
            invitation.accepted_at = timezone.now()
            invitation.save(update_fields=["accepted_at"])
    if awaits_approval:
        raise AwaitsApproval(
            _(
                "The centre has had a manager since this invitation was sent, so a platform "
                "operator must approve the appointment first. You will get a new e-mail when "
                "it is approved."
            )
        )
    return account


def _awaiting_locked(*, actor: User, invitation_id: int) -> Invitation:
    if not _is_operator(actor):
        raise NotAllowed(_("Only platform operators approve manager appointments."))
    invitation = (
        invitations_awaiting_approval().select_for_update(of=("self",)).filter(pk=invitation_id)
    ).first()
    if invitation is None:
        raise ApplicationError(_("This appointment has been decided already, or has lapsed."))
    if actor.pk == invitation.invited_by_id or actor.email.lower() == invitation.email.lower():
        # Four eyes: whoever asked, or is to be appointed, does not approve it too.
        raise NotAllowed(_("Another operator must decide on an appointment you are part of."))
    return invitation


def invitation_approve(*, actor: User, invitation_id: int, host: str) -> Invitation:
    """A platform operator approves a manager appointment: the invitation is e-mailed now,
    with a new link, valid for the usual period."""
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        invitation = _awaiting_locked(actor=actor, invitation_id=invitation_id)
        _check_host(host=host, centre=invitation.centre)
        now = timezone.now()
        invitation.approved_at = now
        invitation.approved_by = actor
        invitation.token_hash = token_hash(token)
        invitation.expires_at = now + timedelta(days=settings.INVITATION_VALID_DAYS)
        invitation.save(update_fields=["approved_at", "approved_by", "token_hash", "expires_at"])
        _invitation_mail_on_commit(invitation=invitation, host=host, token=token)
    return invitation


def invitation_refuse(*, actor: User, invitation_id: int) -> Invitation:
    """A platform operator refuses a manager appointment: no link is ever sent."""
    with transaction.atomic():
        invitation = _awaiting_locked(actor=actor, invitation_id=invitation_id)
        now = timezone.now()
        invitation.refused_at = now
        invitation.approved_by = actor
        invitation.expires_at = now
        invitation.save(update_fields=["refused_at", "approved_by", "expires_at"])
    return invitation


def _account_create(*, email: str, full_name: str, password: str, language: str) -> User:
    full_name = full_name.strip()
    if not full_name:
        raise ApplicationError(_("Enter your full name."), field="full_name")
    if len(full_name) > User._meta.get_field("full_name").max_length:
        raise ApplicationError(_("The name is too long."), field="full_name")
    candidate = User(email=email, full_name=full_name)
    try:
        password_validation.validate_password(password, user=candidate)
    except ValidationError as error:
        raise ApplicationError(" ".join(error.messages), field="password") from None
    try:
        with transaction.atomic():
            return User.objects.create_user(
                email, password, full_name=full_name, preferred_language=language
            )
    except IntegrityError:
        raise ApplicationError(
            _("An account with this e-mail address already exists. Sign in to accept."),
        ) from None


def _centre_admin_check(*, actor: User, centre: Centre) -> None:
    if not actor.is_active or not (actor.is_superuser or _is_centre_admin(actor, centre)):
        raise NotAllowed(_("Only the centre's managers can change who has which role."))


def _keep_a_manager(*, centre: Centre, losing: CentreMembership) -> None:
    """A centre always keeps at least one manager."""
    managers = list(
        CentreMembership.objects.select_for_update()
        .filter(centre=centre, role=Role.CENTRE_ADMIN)
        .values_list("pk", flat=True)
    )
    if managers == [losing.pk]:
        raise ApplicationError(
            _("The centre needs at least one manager. Make someone else manager first.")
        )


def _membership_for_change(*, centre: Centre, user_id: int) -> CentreMembership:
    membership = (
        CentreMembership.objects.select_for_update(of=("self",))
        .select_related("user")
        .filter(centre=centre, user_id=user_id)
        .first()
    )
    if membership is None:
        raise ApplicationError(_("This person has no role at the centre."))
    return membership


def centre_membership_set_role(*, actor: User, centre: Centre, user_id: int, role: str) -> None:
    """Give a member of the centre another centre role."""
    if role not in CENTRE_ROLES:
        raise ApplicationError(_("Unknown role."), field="role")
    with transaction.atomic():
        _centre_admin_check(actor=actor, centre=centre)
        membership = _membership_for_change(centre=centre, user_id=user_id)
        if membership.role == role:
            return
        if membership.role == Role.CENTRE_ADMIN:
            _keep_a_manager(centre=centre, losing=membership)
        previous = membership.role
        membership.role = role
        membership.save(update_fields=["role"])
        # A token stands for its owner's role; a new role needs a new token.
        tokens.api_tokens_revoke_all(
            user_id=user_id, centre_id=centre.pk, reason=RevokedBecause.ROLE_CHANGED
        )
        centre_role_changed(
            centre=centre,
            change=_change(centre=centre, membership=membership, actor=actor, previous=previous),
        )


def centre_membership_remove(*, actor: User, centre: Centre, user_id: int) -> None:
    """Take away a person's role at the centre (the account itself stays)."""
    with transaction.atomic():
        _centre_admin_check(actor=actor, centre=centre)
        membership = _membership_for_change(centre=centre, user_id=user_id)
        if membership.role == Role.CENTRE_ADMIN:
            _keep_a_manager(centre=centre, losing=membership)
        previous = membership.role
        membership.role = ""
        change = _change(centre=centre, membership=membership, actor=actor, previous=previous)
        membership.delete()
        tokens.api_tokens_revoke_all(
            user_id=user_id, centre_id=centre.pk, reason=RevokedBecause.ROLE_ENDED
        )
        centre_role_changed(centre=centre, change=change)


def _change(
    *, centre: Centre, membership: CentreMembership, actor: User, previous: str
) -> CentreRoleChange:
    return CentreRoleChange(
        centre_id=centre.pk,
        user_id=membership.user_id,
        user_email=membership.user.email,
        previous_role=previous,
        role=membership.role,
        actor_id=actor.pk,
        actor_email=actor.email,
    )


def user_preferences_update(*, user: User, full_name: str, preferred_language: str) -> User:
    """Change a person's own name and preferred language ("" = the default language)."""
    full_name = full_name.strip()
    if len(full_name) > User._meta.get_field("full_name").max_length:
        raise ApplicationError(_("The name is too long."), field="full_name")
    if preferred_language and preferred_language not in SUPPORTED_LANGUAGES:
        raise ApplicationError(_("Choose one of the languages offered."), field="language")
    with transaction.atomic():
        user.full_name = full_name
        user.preferred_language = preferred_language
        user.save(update_fields=["full_name", "preferred_language"])
    return user


def _erased_email(user: User) -> str:
    return f"erased-{user.pk}@erased.invalid"


def account_erase(*, user: User) -> list[int]:
    """Erase a person's account (GDPR): their roles at every centre, federation and
    municipality go, with their API tokens, second factors and pending invitations; the row
    stays without e-mail address or name, inactive and without a password, so that the ids
    in centres' records still point at "an erased account". Returns the ids of the centres
    where they had a role. Refused while they are a centre's only manager."""
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        memberships = list(
            CentreMembership.objects.select_for_update().filter(user=user).select_related("centre")
        )
        for membership in memberships:
            if membership.role == Role.CENTRE_ADMIN:
                try:
                    _keep_a_manager(centre=membership.centre, losing=membership)
                except ApplicationError:
                    raise ApplicationError(
                        _(
                            "You are the only manager of %(centre)s. Make someone else manager "
                            "there before you erase your account."
                        )
                        % {"centre": membership.centre.name}
                    ) from None
        centre_ids = sorted({membership.centre_id for membership in memberships})
        # Each centre's audit log and managers learn that the role ended, under the erased
        # address: the log keeps no trace of who the person was.
        erased = _erased_email(user)
        changes = [
            (
                membership.centre,
                CentreRoleChange(
                    centre_id=membership.centre_id,
                    user_id=user.pk,
                    user_email=erased,
                    previous_role=membership.role,
                    role="",
                    actor_id=user.pk,
                    actor_email=erased,
                ),
            )
            for membership in memberships
        ]
        CentreMembership.objects.filter(user=user).delete()
        user.federation_memberships.all().delete()
        user.municipality_access.all().delete()
        user.api_tokens.all().delete()
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        Invitation.objects.filter(email__iexact=user.email, accepted_at__isnull=True).delete()
        user.email = _erased_email(user)
        user.full_name = ""
        user.is_active = False
        user.is_staff = False
        user.is_superuser = False
        user.set_unusable_password()
        user.save()
        for centre, change in changes:
            centre_role_changed(centre=centre, change=change)
    return centre_ids
