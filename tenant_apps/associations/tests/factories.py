"""Rows of the association directory, for code already inside a centre's schema."""

from __future__ import annotations

from tenant_apps.associations.models import Association, AssociationContact


def make_association(name: str = "Støren Idrettslag", **fields) -> Association:
    fields.setdefault("status", Association.Status.APPROVED)
    fields.setdefault("is_public", True)
    return Association.objects.create(name=name, **fields)


def make_contact(association: Association, user) -> AssociationContact:
    return AssociationContact.objects.create(
        association=association, email=user.email, user_id=user.pk
    )
