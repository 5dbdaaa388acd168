"""What a centre's code may ask of experience networks. Plain ids in, `contracts` dataclasses
out.

Every function takes the current centre's id and answers only about networks that centre is
a member of: for any other network it answers None (or refuses), exactly as for one that
does not exist, so a centre learns nothing of networks it is not in. Writing also needs the
person's staff role at that centre (checked again by the services).
"""

from __future__ import annotations

from datetime import date
from typing import BinaryIO

from django.utils import timezone
from django.utils.translation import gettext as _

from shared_apps.accounts.models import User
from shared_apps.networks import contracts, figures, files, forms, selectors, services
from shared_apps.networks.models import Network, NetworkFile
from toolkit.errors import ApplicationError

# The centre's pages take the same input as the federation's, and hand out files the same way
# (one set of forms, limits and headers for both hosts).
PostForm = forms.PostForm
MeetingNoteForm = forms.MeetingNoteForm
FileForm = forms.FileForm
YearForm = forms.YearForm
file_response = files.file_response


class NetworkNotFound(ApplicationError):
    """The network (or file) does not exist, or the centre is not a member of the network."""

    def __init__(self) -> None:
        super().__init__(_("This network was not found."))


def _network(centre_id: int, network_id: int) -> Network | None:
    return selectors.network_of_centre(centre_id=centre_id, network_id=network_id)


def _network_or_refuse(centre_id: int, network_id: int) -> Network:
    network = _network(centre_id, network_id)
    if network is None:
        raise NetworkNotFound
    return network


def centre_is_member(*, centre_id: int, network_id: int) -> bool:
    """Whether the centre is a member of the network."""
    return selectors.is_member(network_id=network_id, centre_id=centre_id)


def centre_networks(*, centre_id: int) -> list[contracts.NetworkSummary]:
    """The networks the centre is a member of, open ones first."""
    return [
        selectors.network_summary(network)
        for network in selectors.networks_of_centre(centre_id=centre_id)
    ]


def centre_network(
    *, centre_id: int, user_id: int, network_id: int
) -> contracts.NetworkDetail | None:
    """A network of the centre with its members, posts, meeting notes and files; None if the
    centre is not a member."""
    if _network(centre_id, network_id) is None:
        return None
    return selectors.network_detail(
        network_id=network_id, viewer=User.objects.get(pk=user_id), centre_id=centre_id
    )


def centre_network_figures(
    *, centre_id: int, network_id: int, year: int | None = None
) -> contracts.NetworkFigures | None:
    """The network's combined figures for a year (default: the latest with figures), without
    a line per member; None if the centre is not a member."""
    network = _network(centre_id, network_id)
    if network is None:
        return None
    if year is None:
        year = figures.default_year(today=timezone.localdate(), network=network)
    return figures.network_figures(network=network, year=year, with_members=False)


def centre_network_years(*, centre_id: int, network_id: int) -> list[int]:
    """The years a person can choose figures for, newest first."""
    network = _network(centre_id, network_id)
    if network is None:
        return []
    return figures.figures_year_choices(today=timezone.localdate(), network=network)


def centre_post_create(*, centre_id: int, user_id: int, network_id: int, text: str) -> int:
    """Write a post as staff of the centre (raises ApplicationError if refused); its id."""
    network = _network_or_refuse(centre_id, network_id)
    post = services.network_post_create(
        author=User.objects.get(pk=user_id), network=network, text=text, centre_id=centre_id
    )
    return post.pk


def centre_meeting_note_create(
    *, centre_id: int, user_id: int, network_id: int, meeting_date: date, title: str, text: str
) -> int:
    """Record a meeting note as staff of the centre; returns its id."""
    network = _network_or_refuse(centre_id, network_id)
    note = services.meeting_note_create(
        author=User.objects.get(pk=user_id),
        network=network,
        meeting_date=meeting_date,
        title=title,
        text=text,
        centre_id=centre_id,
    )
    return note.pk


def centre_file_upload(
    *, centre_id: int, user_id: int, network_id: int, name: str, content: BinaryIO, size: int
) -> int:
    """Share a file as staff of the centre (raises ApplicationError if refused); its id."""
    network = _network_or_refuse(centre_id, network_id)
    shared = services.network_file_upload(
        uploader=User.objects.get(pk=user_id),
        network=network,
        name=name,
        content=content,
        size=size,
        centre_id=centre_id,
    )
    return shared.pk


def _file(centre_id: int, network_id: int, file_id: int) -> NetworkFile | None:
    if _network(centre_id, network_id) is None:
        return None
    return selectors.network_file(network_id=network_id, file_id=file_id)


def centre_file_download(
    *, centre_id: int, network_id: int, file_id: int
) -> contracts.FileDownload | None:
    """Where a file of the centre's network is stored, or None if the centre is not a member
    (or the file is not in that network)."""
    shared = _file(centre_id, network_id, file_id)
    return None if shared is None else selectors.file_download(shared)


def centre_file(
    *, centre_id: int, user_id: int, network_id: int, file_id: int
) -> contracts.NetworkFile | None:
    """One file of the centre's network, as listed, or None."""
    detail = centre_network(centre_id=centre_id, user_id=user_id, network_id=network_id)
    if detail is None:
        return None
    return next((shared for shared in detail.files if shared.file_id == file_id), None)


def centre_file_delete(*, centre_id: int, user_id: int, network_id: int, file_id: int) -> None:
    """Delete a file the person uploaded for the centre (raises ApplicationError if refused)."""
    shared = _file(centre_id, network_id, file_id)
    if shared is None:
        raise NetworkNotFound
    services.network_file_delete(
        actor=User.objects.get(pk=user_id), shared_file=shared, centre_id=centre_id
    )
