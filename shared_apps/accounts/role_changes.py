"""What happens when a person's role at a centre is granted, changed or taken away, whoever
did it and on whichever host: the centre's own steps run inside its schema (settings.
CENTRE_ROLE_CHANGE_STEPS: its audit log, its calendar feeds), and its managers are told by
e-mail once the change is committed.

Shared code never imports a centre's apps: the steps are named in the settings and get a
plain `contracts.CentreRoleChange`, as provisioning steps get a `CentreDefaults`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils.module_loading import import_string
from django_tenants.utils import schema_context

from shared_apps.accounts.contracts import CentreRoleChange
from shared_apps.accounts.models import CentreMembership, User
from shared_apps.accounts.roles import Role
from tenants.models import Centre
from toolkit.emails import send_templated_email


def centre_role_changed(*, centre: Centre, change: CentreRoleChange) -> None:
    """Run the centre's steps for `change` in its schema now; e-mail its managers on commit."""
    with schema_context(centre.schema_name):
        for step in settings.CENTRE_ROLE_CHANGE_STEPS:
            import_string(step)(change)
    # The managers as they are after the change, and a manager who just lost the role.
    recipients = set(
        CentreMembership.objects.filter(centre=centre, role=Role.CENTRE_ADMIN).values_list(
            "user_id", flat=True
        )
    )
    if change.previous_role == Role.CENTRE_ADMIN:
        recipients.add(change.user_id)
    recipients.discard(change.actor_id)  # who made the change knows it
    recipient_ids = sorted(recipients)
    centre_id = centre.pk
    transaction.on_commit(
        lambda: managers_notify(centre_id=centre_id, user_ids=recipient_ids, change=change)
    )


def managers_notify(*, centre_id: int, user_ids: list[int], change: CentreRoleChange) -> None:
    """E-mail each of `user_ids` about the change, in their own language."""
    centre = Centre.objects.select_related("federation").get(pk=centre_id)
    person = User.objects.filter(pk=change.user_id).first()
    for recipient in User.objects.filter(pk__in=user_ids, is_active=True).order_by("pk"):
        send_templated_email(
            to=recipient.email,
            template_prefix="accounts/role_changed",
            language=recipient.preferred_language or centre.federation.default_language,
            context={
                "centre_name": centre.name,
                "person": (person.full_name or person.email) if person else change.user_email,
                "person_email": change.user_email,
                "previous_role": _label(change.previous_role),
                "role": _label(change.role),
                "actor_email": change.actor_email,
                "invited_by_email": change.invited_by_email,
                "approved_by_email": change.approved_by_email,
                "is_own_role": recipient.pk == change.user_id,
            },
        )


class _Label:
    """A role's label, translated when the e-mail is rendered in the recipient's language."""

    def __init__(self, role: str) -> None:
        self.role = role

    def __str__(self) -> str:
        return str(Role(self.role).label).lower() if self.role in Role.values else self.role

    def __bool__(self) -> bool:
        return bool(self.role)


def _label(role: str) -> _Label:
    return _Label(role)
