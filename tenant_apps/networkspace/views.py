"""The centre's view of its experience networks (centre host, /networks/).

Everything comes through `shared_apps.networks.facade` with the current centre's id: a
network the centre is not a member of answers exactly like one that does not exist (404),
and so do its files.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from shared_apps.accounts.access import allow
from shared_apps.accounts.roles import CENTRE_STAFF
from shared_apps.networks import facade
from shared_apps.networks.contracts import NetworkDetail
from shared_apps.networks.facade import FileForm, MeetingNoteForm, PostForm, YearForm
from toolkit.errors import ApplicationError, form_add_error


def _centre_id(request: HttpRequest) -> int:
    return request.tenant.pk


@allow(CENTRE_STAFF)
def network_list(request: HttpRequest) -> HttpResponse:
    """The networks this centre is a member of."""
    return render(
        request,
        "networkspace/list.html",
        {"networks": facade.centre_networks(centre_id=_centre_id(request))},
    )


def _detail_or_404(request: HttpRequest, network_id: int) -> NetworkDetail:
    detail = facade.centre_network(
        centre_id=_centre_id(request), user_id=request.user.pk, network_id=network_id
    )
    if detail is None:
        raise Http404
    return detail


def _render_detail(
    request: HttpRequest, network_id: int, *, status: int = 200, **bound_forms
) -> HttpResponse:
    centre_id = _centre_id(request)
    detail = _detail_or_404(request, network_id)
    years = facade.centre_network_years(centre_id=centre_id, network_id=network_id)
    chosen = YearForm(request.GET, years=years) if "year" in request.GET else None
    figures = facade.centre_network_figures(
        centre_id=centre_id,
        network_id=network_id,
        year=chosen.cleaned_data["year"] if chosen is not None and chosen.is_valid() else None,
    )
    year_form = YearForm(
        initial={"year": figures.year}, years=sorted({*years, figures.year}, reverse=True)
    )
    return render(
        request,
        "networkspace/detail.html",
        {
            "detail": detail,
            "network": detail.summary,
            "figures": figures,
            "year_form": year_form,
            "may_manage": False,
            "may_write": not detail.summary.is_closed,
            "post_form": bound_forms.get("post_form") or PostForm(),
            "note_form": bound_forms.get("note_form") or MeetingNoteForm(),
            "file_form": bound_forms.get("file_form") or FileForm(),
            "ns": "networkspace",
        },
        status=status,
    )


@allow(CENTRE_STAFF)
def network_detail(request: HttpRequest, network_id: int) -> HttpResponse:
    """A network of this centre: members, combined figures, posts, meeting notes, files."""
    return _render_detail(request, network_id)


def _refuse_unless_member(request: HttpRequest, network_id: int) -> None:
    if not facade.centre_is_member(centre_id=_centre_id(request), network_id=network_id):
        raise Http404


@allow(CENTRE_STAFF)
@require_POST
def post_create(request: HttpRequest, network_id: int) -> HttpResponse:
    """Write a post as staff of this centre."""
    _refuse_unless_member(request, network_id)
    form = PostForm(request.POST)
    if form.is_valid():
        try:
            facade.centre_post_create(
                centre_id=_centre_id(request),
                user_id=request.user.pk,
                network_id=network_id,
                text=form.cleaned_data["text"],
            )
        except ApplicationError as error:
            form_add_error(form, error)
        else:
            messages.success(request, _("Your post is published."))
            return redirect("networkspace:detail", network_id=network_id)
    return _render_detail(request, network_id, status=400, post_form=form)


@allow(CENTRE_STAFF)
@require_POST
def note_create(request: HttpRequest, network_id: int) -> HttpResponse:
    """Record a meeting note as staff of this centre."""
    _refuse_unless_member(request, network_id)
    form = MeetingNoteForm(request.POST)
    if form.is_valid():
        try:
            facade.centre_meeting_note_create(
                centre_id=_centre_id(request),
                user_id=request.user.pk,
                network_id=network_id,
                **form.cleaned_data,
            )
        except ApplicationError as error:
            form_add_error(form, error)
        else:
            messages.success(request, _("The meeting note is saved."))
            return redirect("networkspace:detail", network_id=network_id)
    return _render_detail(request, network_id, status=400, note_form=form)


@allow(CENTRE_STAFF)
@require_POST
def file_upload(request: HttpRequest, network_id: int) -> HttpResponse:
    """Share a file with the network as staff of this centre."""
    _refuse_unless_member(request, network_id)
    form = FileForm(request.POST, request.FILES)
    name = form.share(
        lambda **file: facade.centre_file_upload(
            centre_id=_centre_id(request), user_id=request.user.pk, network_id=network_id, **file
        )
    )
    if name:
        messages.success(request, _("%(name)s is shared with the network.") % {"name": name})
        return redirect("networkspace:detail", network_id=network_id)
    return _render_detail(request, network_id, status=400, file_form=form)


@allow(CENTRE_STAFF)
def file_download(request: HttpRequest, network_id: int, file_id: int) -> HttpResponse:
    """Download a file of one of this centre's networks."""
    download = facade.centre_file_download(
        centre_id=_centre_id(request), network_id=network_id, file_id=file_id
    )
    if download is None:
        raise Http404
    return facade.file_response(download)


@allow(CENTRE_STAFF)
@require_http_methods(["GET", "POST"])
def file_delete(request: HttpRequest, network_id: int, file_id: int) -> HttpResponse:
    """Ask, then delete a file the person uploaded for this centre."""
    shared = facade.centre_file(
        centre_id=_centre_id(request),
        user_id=request.user.pk,
        network_id=network_id,
        file_id=file_id,
    )
    if shared is None:
        raise Http404
    if request.method == "POST":
        try:
            facade.centre_file_delete(
                centre_id=_centre_id(request),
                user_id=request.user.pk,
                network_id=network_id,
                file_id=file_id,
            )
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("%(name)s is deleted.") % {"name": shared.original_name})
        return redirect("networkspace:detail", network_id=network_id)
    return render(
        request, "networkspace/file_delete.html", {"network_id": network_id, "file": shared}
    )
