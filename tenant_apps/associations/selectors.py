"""Reads of the association directory: the public directory (approved and public only),
the staff's lists and an association contact's own entries."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Lower

from tenant_apps.associations.models import Association, AssociationContact


def public_associations(
    *, text: str = "", category: str = "", target_group: str = ""
) -> QuerySet[Association]:
    """The directory a visitor sees: approved, public associations matching the filters."""
    associations = Association.objects.filter(
        status=Association.Status.APPROVED, is_public=True
    ).order_by(Lower("name"), "id")
    if category:
        associations = associations.filter(categories__contains=[category])
    if target_group:
        associations = associations.filter(target_groups__contains=[target_group])
    for word in text.split()[:5]:
        associations = associations.filter(Q(name__icontains=word) | Q(description__icontains=word))
    return associations


def public_association(association_id: int) -> Association | None:
    """One association of the public directory, or None (also when hidden or not approved)."""
    return public_associations().filter(pk=association_id).first()


def staff_associations(*, status: str = "", text: str = "", members_only: bool = False):
    """Every association of the directory for the staff, waiting ones first."""
    associations = Association.objects.annotate(contact_count=Count("contacts")).order_by(
        # Registrations waiting for a decision come first.
        ~Q(status=Association.Status.PENDING),
        Lower("name"),
        "id",
    )
    if status:
        associations = associations.filter(status=status)
    if members_only:
        associations = associations.filter(member_since__isnull=False)
    for word in text.split()[:5]:
        associations = associations.filter(
            Q(name__icontains=word) | Q(organisation_number__icontains=word)
        )
    return associations


def pending_count() -> int:
    return Association.objects.filter(status=Association.Status.PENDING).count()


def contacts_of(association: Association) -> QuerySet[AssociationContact]:
    return association.contacts.order_by("email")


def associations_of_contact(*, user_id: int) -> QuerySet[Association]:
    """The associations whose entry this account keeps."""
    return Association.objects.filter(contacts__user_id=user_id).distinct().order_by("name", "id")


def association_of_contact(*, user_id: int, association_id: int) -> Association | None:
    """One association whose entry this account keeps, or None (any other association)."""
    return associations_of_contact(user_id=user_id).filter(pk=association_id).first()


def member_associations() -> QuerySet[Association]:
    """The centre's member associations (approved, with a membership date)."""
    return Association.objects.filter(
        status=Association.Status.APPROVED, member_since__isnull=False
    ).order_by("name", "id")
