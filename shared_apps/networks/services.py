"""Every write to experience networks. Rules: only a federation's administrators create and
change its networks and choose their members, from the federation's own centres; only staff
of a member centre (or of the federation) write in a network; a closed network takes nothing
new; files are documents or images within the size limit."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import BinaryIO, NotRequired, TypedDict, Unpack

from django.core.files import File
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from shared_apps.accounts.models import User
from shared_apps.networks import files as file_rules
from shared_apps.networks.models import (
    MAX_NOTE_LENGTH,
    MAX_POST_LENGTH,
    MeetingNote,
    Network,
    NetworkFile,
    NetworkMembership,
    NetworkPost,
)
from shared_apps.networks.selectors import (
    is_centre_staff,
    is_federation_manager,
    is_federation_staff,
    is_member,
)
from shared_apps.statistics.contracts import TARGET_GROUPS
from tenants.models import Centre, CentreStatus, Federation
from toolkit.errors import ApplicationError


def _require_manager(*, actor: User, federation_id: int) -> None:
    if not is_federation_manager(user=actor, federation_id=federation_id):
        raise ApplicationError(_("Only the federation's administrators can change its networks."))


class NetworkFields(TypedDict):
    """What a federation's administrators write about a network, on creation or later."""

    name: str
    theme: str
    goal: str
    target_groups: NotRequired[Iterable[str]]
    period_start: NotRequired[datetime.date | None]
    period_end: NotRequired[datetime.date | None]


def _valid_network_fields(
    *, actor: User, federation_id: int, network_id: int | None, fields: NetworkFields
) -> dict:
    """The fields cleaned, or an ApplicationError; `network_id`: the network being changed."""
    unexpected = set(fields) - set(NetworkFields.__annotations__)
    if unexpected:  # a caller's mistake, as an unknown keyword argument would be
        raise TypeError(f"Unknown network fields: {sorted(unexpected)}")
    _require_manager(actor=actor, federation_id=federation_id)
    name, theme, goal = fields["name"].strip(), fields["theme"].strip(), fields["goal"].strip()
    if not name:
        raise ApplicationError(_("Give the network a name."), field="name")
    if not theme:
        raise ApplicationError(_("Describe the network's theme."), field="theme")
    if not goal:
        raise ApplicationError(_("Describe what the network wants to achieve."), field="goal")
    groups = list(dict.fromkeys(fields.get("target_groups", ())))
    unknown = [group for group in groups if group not in TARGET_GROUPS]
    if unknown:
        raise ApplicationError(
            _("Unknown target group: %(group)s.") % {"group": unknown[0]}, field="target_groups"
        )
    period_start, period_end = fields.get("period_start"), fields.get("period_end")
    if period_start and period_end and period_end < period_start:
        raise ApplicationError(_("The period cannot end before it starts."), field="period_end")
    namesakes = Network.objects.filter(federation_id=federation_id, name__iexact=name)
    if namesakes.exclude(pk=network_id).exists():
        raise ApplicationError(
            _("The federation already has a network with this name."), field="name"
        )
    return {
        "name": name,
        "theme": theme,
        "goal": goal,
        "target_groups": [group for group in TARGET_GROUPS if group in groups],
        "period_start": period_start,
        "period_end": period_end,
    }


@transaction.atomic
def network_create(
    *, actor: User, federation: Federation, **fields: Unpack[NetworkFields]
) -> Network:
    """Create an experience network of the federation (its administrators only)."""
    cleaned = _valid_network_fields(
        actor=actor, federation_id=federation.pk, network_id=None, fields=fields
    )
    return Network.objects.create(federation=federation, created_by=actor, **cleaned)


@transaction.atomic
def network_update(*, actor: User, network: Network, **fields: Unpack[NetworkFields]) -> Network:
    """Change a network's name, theme, goal, target groups and period."""
    cleaned = _valid_network_fields(
        actor=actor, federation_id=network.federation_id, network_id=network.pk, fields=fields
    )
    for field, value in cleaned.items():
        setattr(network, field, value)
    network.save(update_fields=list(cleaned))
    return network


@transaction.atomic
def network_close(*, actor: User, network: Network) -> Network:
    """Close a network: it stays readable for its members, but takes nothing new."""
    _require_manager(actor=actor, federation_id=network.federation_id)
    if network.closed_at is None:
        network.closed_at = timezone.now()
        network.save(update_fields=["closed_at"])
    return network


@transaction.atomic
def network_reopen(*, actor: User, network: Network) -> Network:
    """Open a closed network again."""
    _require_manager(actor=actor, federation_id=network.federation_id)
    if network.closed_at is not None:
        network.closed_at = None
        network.save(update_fields=["closed_at"])
    return network


@transaction.atomic
def network_member_add(*, actor: User, network: Network, centre: Centre) -> NetworkMembership:
    """Make one of the federation's centres a member of the network."""
    _require_manager(actor=actor, federation_id=network.federation_id)
    if centre.federation_id != network.federation_id:
        raise ApplicationError(
            _("%(centre)s is not a centre of this federation.") % {"centre": centre.name},
            field="centre",
        )
    if centre.status == CentreStatus.CLOSED:
        raise ApplicationError(_("%(centre)s is closed.") % {"centre": centre.name}, field="centre")
    if NetworkMembership.objects.filter(network=network, centre=centre).exists():
        raise ApplicationError(
            _("%(centre)s is already a member of this network.") % {"centre": centre.name},
            field="centre",
        )
    return NetworkMembership.objects.create(network=network, centre=centre, added_by=actor)


@transaction.atomic
def network_member_remove(*, actor: User, network: Network, centre: Centre) -> None:
    """Take a centre out of the network; what its staff wrote there stays."""
    _require_manager(actor=actor, federation_id=network.federation_id)
    deleted, _details = NetworkMembership.objects.filter(network=network, centre=centre).delete()
    if not deleted:
        raise ApplicationError(
            _("%(centre)s is not a member of this network.") % {"centre": centre.name}
        )


# --- Writing in a network -------------------------------------------------------------------


def _author_organisation(
    *, user: User, network: Network, centre_id: int | None
) -> dict[str, Centre | Federation | None]:
    """Who writes: staff of a member centre (centre_id given) or of the network's federation.
    Also refuses anything new in a closed network."""
    if centre_id is not None:
        if not is_member(network_id=network.pk, centre_id=centre_id):
            raise ApplicationError(_("Your centre is not a member of this network."))
        if not is_centre_staff(user=user, centre_id=centre_id):
            raise ApplicationError(
                _("Only the centre's coordinators and managers can write in its networks.")
            )
        organisation = {"centre": Centre.objects.get(pk=centre_id), "federation": None}
    else:
        if not is_federation_staff(user=user, federation_id=network.federation_id):
            raise ApplicationError(_("You do not work for this network's federation."))
        organisation = {"centre": None, "federation": network.federation}
    if network.is_closed:
        raise ApplicationError(_("This network is closed: nothing new can be added."))
    return organisation


@transaction.atomic
def network_post_create(
    *, author: User, network: Network, text: str, centre_id: int | None = None
) -> NetworkPost:
    """Write a post in the network, as staff of `centre_id` or (None) of the federation."""
    organisation = _author_organisation(user=author, network=network, centre_id=centre_id)
    text = text.strip()
    if not text:
        raise ApplicationError(_("Write something before you post."), field="text")
    if len(text) > MAX_POST_LENGTH:
        raise ApplicationError(
            _("A post can be at most %(count)d characters long.") % {"count": MAX_POST_LENGTH},
            field="text",
        )
    return NetworkPost.objects.create(network=network, author=author, text=text, **organisation)


@transaction.atomic
def meeting_note_create(
    *,
    author: User,
    network: Network,
    meeting_date: datetime.date,
    title: str,
    text: str,
    centre_id: int | None = None,
) -> MeetingNote:
    """Record the notes of a network meeting."""
    organisation = _author_organisation(user=author, network=network, centre_id=centre_id)
    title, text = title.strip(), text.strip()
    if not title:
        raise ApplicationError(_("Give the meeting note a title."), field="title")
    if not text:
        raise ApplicationError(_("Write the notes of the meeting."), field="text")
    if len(text) > MAX_NOTE_LENGTH:
        raise ApplicationError(
            _("Meeting notes can be at most %(count)d characters long.")
            % {"count": MAX_NOTE_LENGTH},
            field="text",
        )
    return MeetingNote.objects.create(
        network=network,
        meeting_date=meeting_date,
        title=title,
        text=text,
        author=author,
        **organisation,
    )


@transaction.atomic
def network_file_upload(
    *,
    uploader: User,
    network: Network,
    name: str,
    content: BinaryIO,
    size: int,
    centre_id: int | None = None,
) -> NetworkFile:
    """Store a document or image for the network's members (checked for size and type)."""
    organisation = _author_organisation(user=uploader, network=network, centre_id=centre_id)
    original_name = file_rules.clean_file_name(name)
    if not original_name:
        raise ApplicationError(_("Choose a file to upload."), field="file")
    limit = file_rules.max_bytes()
    if size > limit:
        raise ApplicationError(
            _("The file is too large: %(size)s. Files can be at most %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(limit)},
            field="file",
        )
    if size == 0:
        raise ApplicationError(_("The file is empty."), field="file")
    kind = file_rules.kind_of(original_name)
    if kind is None:
        raise ApplicationError(
            _(
                "Files of this type cannot be shared. Upload a PDF, an office document "
                "(Word, Excel, PowerPoint, OpenDocument), a text or CSV file, or an image "
                "(PNG, JPEG, GIF, WebP)."
            ),
            field="file",
        )
    if not file_rules.content_matches(kind, content):
        raise ApplicationError(
            _("The file's content does not match its name: it is not a real %(suffix)s file.")
            % {"suffix": original_name.rsplit(".", 1)[-1].upper()},
            field="file",
        )
    shared = NetworkFile(
        network=network,
        original_name=original_name,
        size=size,
        content_type=kind.content_type,
        uploaded_by=uploader,
        **organisation,
    )
    shared.file.save(original_name, File(content), save=False)
    # Should the row not be saved after the file was written, do not leave the file behind.
    stored_name = shared.file.name
    try:
        shared.save()
    except Exception:
        shared.file.storage.delete(stored_name)
        raise
    return shared


@transaction.atomic
def network_file_delete(
    *, actor: User, shared_file: NetworkFile, centre_id: int | None = None
) -> None:
    """Delete a shared file: its uploader may, and so may the federation's administrators."""
    network = shared_file.network
    is_uploader = shared_file.uploaded_by_id == actor.pk and (
        shared_file.centre_id == centre_id
        if centre_id is not None
        else shared_file.federation_id is not None
    )
    may_manage = centre_id is None and is_federation_manager(
        user=actor, federation_id=network.federation_id
    )
    if not (is_uploader or may_manage):
        raise ApplicationError(
            _(
                "Only the person who uploaded a file, or the federation's administrators, "
                "can delete it."
            )
        )
    stored_name = shared_file.file.name
    storage = shared_file.file.storage
    shared_file.delete()
    transaction.on_commit(lambda: storage.delete(stored_name))
