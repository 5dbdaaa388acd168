"""The federation's experience network pages (platform host, /networks/).

Federation staff see their own federation's networks (any other network is a 404); its
administrators create and change them and choose the member centres. Everyone who sees a
network may write in it. Files are handed out by `file_download` only, never as media URLs.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_http_methods, require_POST

from shared_apps.accounts.access import allow
from shared_apps.accounts.roles import FEDERATION_MANAGERS, FEDERATION_STAFF
from shared_apps.networks import figures as network_figures
from shared_apps.networks import selectors, services
from shared_apps.networks.export import figures_csv
from shared_apps.networks.files import file_response
from shared_apps.networks.forms import (
    FileForm,
    MeetingNoteForm,
    MemberAddForm,
    NetworkEditForm,
    NetworkForm,
    PostForm,
    YearForm,
)
from shared_apps.networks.models import Network, NetworkFile
from toolkit.errors import ApplicationError, form_add_error
from toolkit.filenames import file_part

NETWORK_FIELDS = ("name", "theme", "goal", "target_groups", "period_start", "period_end")


def _network_or_404(request: HttpRequest, network_id: int) -> Network:
    network = selectors.network_for_federation_staff(user=request.user, network_id=network_id)
    if network is None:
        raise Http404
    return network


def _may_manage(request: HttpRequest, network: Network) -> bool:
    return selectors.is_federation_manager(user=request.user, federation_id=network.federation_id)


def _managed_network_or_403(request: HttpRequest, network_id: int) -> Network:
    network = _network_or_404(request, network_id)
    if not _may_manage(request, network):
        raise PermissionDenied
    return network


def _year(request: HttpRequest, network: Network) -> tuple[int, YearForm]:
    """The year of figures asked for (?year=), else the latest with figures."""
    today = timezone.localdate()
    default = network_figures.default_year(today=today, network=network)
    years = network_figures.figures_year_choices(today=today, network=network)
    years = sorted({*years, default}, reverse=True)
    if "year" in request.GET:
        form = YearForm(request.GET, years=years)
        if form.is_valid():
            return form.cleaned_data["year"], form
    return default, YearForm(years=years, initial={"year": default})


# --- Networks ---------------------------------------------------------------------------------


@allow(FEDERATION_STAFF)
def network_list(request: HttpRequest) -> HttpResponse:
    """The networks of the person's federation(s)."""
    networks = [
        selectors.network_summary(network)
        for network in selectors.networks_for_federation_staff(user=request.user)
    ]
    return render(
        request,
        "networks/list.html",
        {
            "networks": networks,
            "may_create": selectors.managed_federations(user=request.user).exists(),
        },
    )


@allow(FEDERATION_MANAGERS)
@require_http_methods(["GET", "POST"])
def network_create(request: HttpRequest) -> HttpResponse:
    """Create a network (administrators, for a federation they administer)."""
    federations = selectors.managed_federations(user=request.user)
    form = NetworkForm(request.POST or None, federations=federations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            network = services.network_create(
                actor=request.user,
                federation=data["federation"],
                **{field: data[field] for field in NETWORK_FIELDS},
            )
        except ApplicationError as error:
            form_add_error(form, error)
        else:
            messages.success(
                request,
                _("The network %(name)s is created. Now add its member centres.")
                % {"name": network.name},
            )
            return redirect("networks:detail", network_id=network.pk)
    status = 400 if form.is_bound else 200
    return render(request, "networks/form.html", {"form": form, "network": None}, status=status)


@allow(FEDERATION_MANAGERS)
@require_http_methods(["GET", "POST"])
def network_edit(request: HttpRequest, network_id: int) -> HttpResponse:
    """Change the network's name, theme, goal, target groups and period."""
    network = _managed_network_or_403(request, network_id)
    initial = {field: getattr(network, field) for field in NETWORK_FIELDS}
    form = NetworkEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.network_update(
                actor=request.user,
                network=network,
                **{field: form.cleaned_data[field] for field in NETWORK_FIELDS},
            )
        except ApplicationError as error:
            form_add_error(form, error)
        else:
            messages.success(request, _("The network is saved."))
            return redirect("networks:detail", network_id=network.pk)
    status = 400 if form.is_bound else 200
    return render(request, "networks/form.html", {"form": form, "network": network}, status=status)


@allow(FEDERATION_MANAGERS)
@require_http_methods(["GET", "POST"])
def network_close(request: HttpRequest, network_id: int) -> HttpResponse:
    """Ask, then close the network (it stays readable, takes nothing new)."""
    network = _managed_network_or_403(request, network_id)
    if request.method == "POST":
        services.network_close(actor=request.user, network=network)
        messages.success(request, _("The network is closed."))
        return redirect("networks:detail", network_id=network.pk)
    return render(request, "networks/close.html", {"network": network})


@allow(FEDERATION_MANAGERS)
@require_POST
def network_reopen(request: HttpRequest, network_id: int) -> HttpResponse:
    """Open a closed network again."""
    network = _managed_network_or_403(request, network_id)
    services.network_reopen(actor=request.user, network=network)
    messages.success(request, _("The network is open again."))
    return redirect("networks:detail", network_id=network.pk)


def _render_detail(
    request: HttpRequest, network: Network, *, status: int = 200, **bound_forms
) -> HttpResponse:
    may_manage = _may_manage(request, network)
    year, year_form = _year(request, network)
    detail = selectors.network_detail(
        network_id=network.pk, viewer=request.user, centre_id=None, may_manage=may_manage
    )
    context = {
        "detail": detail,
        "network": detail.summary,
        "may_manage": may_manage,
        "may_write": not network.is_closed,
        "figures": network_figures.network_figures(network=network, year=year, with_members=True),
        "year_form": year_form,
        "post_form": bound_forms.get("post_form") or PostForm(),
        "note_form": bound_forms.get("note_form") or MeetingNoteForm(),
        "file_form": bound_forms.get("file_form") or FileForm(),
        "ns": "networks",
    }
    if may_manage:
        context["member_form"] = bound_forms.get("member_form") or MemberAddForm(
            centres=selectors.addable_centres(network=network)
        )
    return render(request, "networks/detail.html", context, status=status)


@allow(FEDERATION_STAFF)
def network_detail(request: HttpRequest, network_id: int) -> HttpResponse:
    """The network: members, combined figures of a year, posts, meeting notes and files."""
    return _render_detail(request, _network_or_404(request, network_id))


# --- Members ----------------------------------------------------------------------------------


@allow(FEDERATION_MANAGERS)
@require_POST
def member_add(request: HttpRequest, network_id: int) -> HttpResponse:
    """Make one of the federation's centres a member."""
    network = _managed_network_or_403(request, network_id)
    form = MemberAddForm(request.POST, centres=selectors.addable_centres(network=network))
    if form.is_valid():
        centre = form.cleaned_data["centre"]
        try:
            services.network_member_add(actor=request.user, network=network, centre=centre)
        except ApplicationError as error:
            form_add_error(form, error)
        else:
            messages.success(request, _("%(centre)s is now a member.") % {"centre": centre.name})
            return redirect("networks:detail", network_id=network.pk)
    return _render_detail(request, network, status=400, member_form=form)


@allow(FEDERATION_MANAGERS)
@require_http_methods(["GET", "POST"])
def member_remove(request: HttpRequest, network_id: int, centre_id: int) -> HttpResponse:
    """Ask, then take a centre out of the network."""
    network = _managed_network_or_403(request, network_id)
    centre = selectors.member_centre(network_id=network.pk, centre_id=centre_id)
    if centre is None:
        raise Http404
    if request.method == "POST":
        services.network_member_remove(actor=request.user, network=network, centre=centre)
        messages.success(request, _("%(centre)s is no longer a member.") % {"centre": centre.name})
        return redirect("networks:detail", network_id=network.pk)
    return render(request, "networks/member_remove.html", {"network": network, "centre": centre})


# --- Posts, meeting notes, files --------------------------------------------------------------


@allow(FEDERATION_STAFF)
@require_POST
def post_create(request: HttpRequest, network_id: int) -> HttpResponse:
    """Write a post as the federation."""
    network = _network_or_404(request, network_id)
    form = PostForm(request.POST)
    if form.is_valid():
        try:
            services.network_post_create(
                author=request.user, network=network, text=form.cleaned_data["text"]
            )
        except ApplicationError as error:
            form_add_error(form, error)
        else:
            messages.success(request, _("Your post is published."))
            return redirect("networks:detail", network_id=network.pk)
    return _render_detail(request, network, status=400, post_form=form)


@allow(FEDERATION_STAFF)
@require_POST
def note_create(request: HttpRequest, network_id: int) -> HttpResponse:
    """Record a meeting note as the federation."""
    network = _network_or_404(request, network_id)
    form = MeetingNoteForm(request.POST)
    if form.is_valid():
        try:
            services.meeting_note_create(author=request.user, network=network, **form.cleaned_data)
        except ApplicationError as error:
            form_add_error(form, error)
        else:
            messages.success(request, _("The meeting note is saved."))
            return redirect("networks:detail", network_id=network.pk)
    return _render_detail(request, network, status=400, note_form=form)


@allow(FEDERATION_STAFF)
@require_POST
def file_upload(request: HttpRequest, network_id: int) -> HttpResponse:
    """Share a file as the federation."""
    network = _network_or_404(request, network_id)
    form = FileForm(request.POST, request.FILES)
    name = form.share(
        lambda **file: services.network_file_upload(uploader=request.user, network=network, **file)
    )
    if name:
        messages.success(request, _("%(name)s is shared with the network.") % {"name": name})
        return redirect("networks:detail", network_id=network.pk)
    return _render_detail(request, network, status=400, file_form=form)


def _network_file_or_404(network: Network, file_id: int) -> NetworkFile:
    shared = selectors.network_file(network_id=network.pk, file_id=file_id)
    if shared is None:
        raise Http404
    return shared


@allow(FEDERATION_STAFF)
def file_download(request: HttpRequest, network_id: int, file_id: int) -> HttpResponse:
    """Download a file of a network the person may see."""
    network = _network_or_404(request, network_id)
    shared = _network_file_or_404(network, file_id)
    return file_response(selectors.file_download(shared))


@allow(FEDERATION_STAFF)
@require_http_methods(["GET", "POST"])
def file_delete(request: HttpRequest, network_id: int, file_id: int) -> HttpResponse:
    """Ask, then delete a file (its uploader, or the federation's administrators)."""
    network = _network_or_404(request, network_id)
    shared = _network_file_or_404(network, file_id)
    if request.method == "POST":
        try:
            services.network_file_delete(actor=request.user, shared_file=shared)
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("%(name)s is deleted.") % {"name": shared.original_name})
        return redirect("networks:detail", network_id=network.pk)
    return render(request, "networks/file_delete.html", {"network": network, "file": shared})


# --- Report -----------------------------------------------------------------------------------


@allow(FEDERATION_STAFF)
def report(request: HttpRequest, network_id: int) -> HttpResponse:
    """A printable report: theme, goal, members, the year's figures by month, activity."""
    network = _network_or_404(request, network_id)
    year, year_form = _year(request, network)
    return render(
        request,
        "networks/report.html",
        {
            "network": selectors.network_summary(network),
            "members": selectors.network_memberships(network=network),
            "figures": network_figures.network_figures(
                network=network, year=year, with_members=True
            ),
            "labels": network_figures.figure_labels(),
            "year_form": year_form,
            "post_count": network.posts.count(),
            "note_count": network.meeting_notes.count(),
            "file_count": network.files.count(),
            "generated_at": timezone.now(),
        },
    )


@allow(FEDERATION_STAFF)
def report_csv(request: HttpRequest, network_id: int) -> HttpResponse:
    """The year's figures as CSV."""
    network = _network_or_404(request, network_id)
    year, _form = _year(request, network)
    figures = network_figures.network_figures(network=network, year=year, with_members=True)
    # Named in the reader's language ("nettverk-…" in Norwegian).
    word = file_part(pgettext("export file name", "network"))
    response = figures_csv(figures, stem=f"{word}-{network.pk}-{figures.year}").response()
    add_never_cache_headers(response)
    return response
