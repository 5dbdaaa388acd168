"""Reads of experience networks, always scoped by who is asking: a federation's staff see
their own federation's networks; a centre sees only the networks it is a member of."""

from __future__ import annotations

from django.db.models import Count, Prefetch, QuerySet
from django.utils.translation import gettext as _

from shared_apps.accounts.models import CentreMembership, FederationMembership, User
from shared_apps.accounts.roles import Role
from shared_apps.networks import contracts
from shared_apps.networks.models import (
    TARGET_GROUP_LABELS,
    MeetingNote,
    Network,
    NetworkFile,
    NetworkMembership,
    NetworkPost,
)
from tenants.models import Centre, CentreStatus, Federation

CENTRE_STAFF_ROLES = (Role.CENTRE_ADMIN, Role.COORDINATOR)


def _networks() -> QuerySet[Network]:
    return Network.objects.select_related("federation").annotate(
        member_count=Count("memberships", distinct=True)
    )


def networks_for_federation_staff(*, user: User) -> QuerySet[Network]:
    """The networks of every federation the person works for, open ones first."""
    return (
        _networks()
        .filter(federation__memberships__user=user)
        .order_by("federation__name", "closed_at", "name", "pk")
    )


def network_for_federation_staff(*, user: User, network_id: int) -> Network | None:
    """One network of a federation the person works for, or None."""
    return networks_for_federation_staff(user=user).filter(pk=network_id).first()


def managed_federations(*, user: User) -> QuerySet[Federation]:
    """The federations whose networks the person may create and change (administrators)."""
    return Federation.objects.filter(
        memberships__user=user, memberships__role=Role.FEDERATION_ADMIN
    ).order_by("name")


def is_federation_manager(*, user: User, federation_id: int) -> bool:
    return FederationMembership.objects.filter(
        user=user, federation_id=federation_id, role=Role.FEDERATION_ADMIN
    ).exists()


def is_federation_staff(*, user: User, federation_id: int) -> bool:
    return FederationMembership.objects.filter(user=user, federation_id=federation_id).exists()


def is_centre_staff(*, user: User, centre_id: int) -> bool:
    return CentreMembership.objects.filter(
        user=user, centre_id=centre_id, role__in=CENTRE_STAFF_ROLES
    ).exists()


def networks_of_centre(*, centre_id: int) -> QuerySet[Network]:
    """The networks the centre is a member of, open ones first."""
    return _networks().filter(memberships__centre_id=centre_id).order_by("closed_at", "name", "pk")


def network_of_centre(*, centre_id: int, network_id: int) -> Network | None:
    """One network the centre is a member of, or None (also when it exists but the centre is
    not a member: a centre learns nothing of other networks)."""
    return networks_of_centre(centre_id=centre_id).filter(pk=network_id).first()


def is_member(*, network_id: int, centre_id: int) -> bool:
    return NetworkMembership.objects.filter(network_id=network_id, centre_id=centre_id).exists()


def member_centre(*, network_id: int, centre_id: int) -> Centre | None:
    """A member centre of the network, or None if the centre is not a member."""
    membership = (
        NetworkMembership.objects.filter(network_id=network_id, centre_id=centre_id)
        .select_related("centre")
        .first()
    )
    return None if membership is None else membership.centre


def network_file(*, network_id: int, file_id: int) -> NetworkFile | None:
    """A file shared in the network, or None if it is not in that network."""
    return NetworkFile.objects.filter(pk=file_id, network_id=network_id).first()


def network_memberships(*, network: Network) -> QuerySet[NetworkMembership]:
    """The member centres, by name."""
    return network.memberships.select_related("centre__municipality").order_by(
        "centre__name", "centre_id"
    )


def addable_centres(*, network: Network) -> QuerySet[Centre]:
    """Centres of the network's federation that are not members yet (and not closed)."""
    return (
        Centre.objects.filter(federation_id=network.federation_id)
        .exclude(status=CentreStatus.CLOSED)
        .exclude(pk__in=network.memberships.values("centre_id"))
        .select_related("municipality")
        .order_by("name")
    )


def network_with_content(*, network_id: int) -> Network:
    """A network with its members, posts, notes and files, in a fixed number of queries."""
    return (
        _networks()
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=NetworkMembership.objects.select_related("centre__municipality").order_by(
                    "centre__name", "centre_id"
                ),
            ),
            Prefetch(
                "posts",
                queryset=NetworkPost.objects.select_related("author", "centre", "federation"),
            ),
            Prefetch(
                "meeting_notes",
                queryset=MeetingNote.objects.select_related("author", "centre", "federation"),
            ),
            Prefetch(
                "files",
                queryset=NetworkFile.objects.select_related("uploaded_by", "centre", "federation"),
            ),
        )
        .get(pk=network_id)
    )


# --- As plain data (the contracts both the federation's and the centres' pages show) ---------


def _person_name(user: User | None) -> str:
    # Never the e-mail address: other centres see who wrote, not how to reach them.
    if user is None:
        return _("Former user")
    return user.full_name or _("A staff member")


def _organisation_name(row) -> str:
    organisation = row.centre if row.centre_id else row.federation
    return organisation.name if organisation else ""


def network_summary(network: Network) -> contracts.NetworkSummary:
    """A network as plain data (`network` from one of the selectors here: with member_count)."""
    return contracts.NetworkSummary(
        network_id=network.pk,
        name=network.name,
        theme=network.theme,
        goal=network.goal,
        federation_name=network.federation.name,
        target_groups=tuple(network.target_groups),
        target_group_labels=tuple(
            str(TARGET_GROUP_LABELS[group])
            for group in network.target_groups
            if group in TARGET_GROUP_LABELS
        ),
        period_start=network.period_start,
        period_end=network.period_end,
        is_closed=network.is_closed,
        member_count=network.member_count,
        created_at=network.created_at,
    )


def network_detail(
    *, network_id: int, viewer: User, centre_id: int | None, may_manage: bool = False
) -> contracts.NetworkDetail:
    """Everything shared in a network, for a person already allowed to see it: writing for
    `centre_id` (on a centre's host) or for the federation (None). `may_manage`: the
    federation's administrators may delete any file."""
    network = network_with_content(network_id=network_id)

    def may_delete(shared: NetworkFile) -> bool:
        if may_manage:
            return True
        if shared.uploaded_by_id != viewer.pk:
            return False
        if centre_id is not None:
            return shared.centre_id == centre_id
        return shared.federation_id is not None

    return contracts.NetworkDetail(
        summary=network_summary(network),
        members=tuple(
            contracts.NetworkMember(
                centre_id=membership.centre_id,
                centre_name=membership.centre.name,
                municipality_name=membership.centre.municipality.name,
                joined_at=membership.added_at,
            )
            for membership in network.memberships.all()
        ),
        posts=tuple(
            contracts.NetworkPost(
                post_id=post.pk,
                author_name=_person_name(post.author),
                organisation_name=_organisation_name(post),
                text=post.text,
                created_at=post.created_at,
            )
            for post in network.posts.all()
        ),
        meeting_notes=tuple(
            contracts.MeetingNote(
                note_id=note.pk,
                meeting_date=note.meeting_date,
                title=note.title,
                text=note.text,
                author_name=_person_name(note.author),
                organisation_name=_organisation_name(note),
                created_at=note.created_at,
            )
            for note in network.meeting_notes.all()
        ),
        files=tuple(
            contracts.NetworkFile(
                file_id=shared.pk,
                original_name=shared.original_name,
                size=shared.size,
                content_type=shared.content_type,
                uploader_name=_person_name(shared.uploaded_by),
                organisation_name=_organisation_name(shared),
                created_at=shared.created_at,
                may_delete=may_delete(shared),
            )
            for shared in network.files.all()
        ),
    )


def file_download(shared: NetworkFile) -> contracts.FileDownload:
    """Where a file is stored and how to hand it out, for a person already allowed to see it."""
    return contracts.FileDownload(
        path=shared.file.path,
        original_name=shared.original_name,
        content_type=shared.content_type,
        size=shared.size,
    )
