"""A federation administrator's pages for the RoPA template its centres start from."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from shared_apps.accounts.access import allow
from shared_apps.accounts.roles import FEDERATION_MANAGERS
from shared_apps.ropa import selectors, services
from shared_apps.ropa.forms import TemplateEntryForm
from toolkit.errors import ApplicationError, form_add_error


def _federation(request, slug: str):
    for federation in selectors.administered_federations(user=request.user):
        if federation.slug == slug:
            return federation
    raise Http404


@allow(FEDERATION_MANAGERS)
@require_safe
def template(request):
    """The record-of-processing template of each federation the person administers."""
    return render(
        request,
        "ropa/template.html",
        {"templates": selectors.federation_templates(user=request.user)},
    )


@allow(FEDERATION_MANAGERS)
@require_POST
def start(request, slug: str):
    """Copy the built-in template into the federation's own, to edit."""
    services.template_start_from_built_in(federation=_federation(request, slug))
    return redirect("ropa:template")


def _form(request, *, federation, entry):
    form = TemplateEntryForm(request.POST or None, instance=entry)
    if request.method == "POST" and form.is_valid():
        try:
            services.template_entry_save(federation=federation, entry=entry, **form.cleaned_data)
        except ApplicationError as error:
            form_add_error(form, error)
        else:
            messages.success(request, _("The template has been saved."))
            return redirect("ropa:template")
    return render(
        request, "ropa/entry_form.html", {"form": form, "entry": entry, "federation": federation}
    )


@allow(FEDERATION_MANAGERS)
@require_http_methods(["GET", "POST"])
def entry_create(request, slug: str):
    """Add a processing activity to the federation's template."""
    return _form(request, federation=_federation(request, slug), entry=None)


@allow(FEDERATION_MANAGERS)
@require_http_methods(["GET", "POST"])
def entry_edit(request, entry_id: int):
    """Change a processing activity of the federation's template."""
    entry = selectors.template_entry(user=request.user, entry_id=entry_id)
    if entry is None:
        raise Http404
    return _form(request, federation=entry.federation, entry=entry)


@allow(FEDERATION_MANAGERS)
@require_http_methods(["GET", "POST"])
def entry_delete(request, entry_id: int):
    """Ask, then remove a processing activity from the federation's template."""
    entry = selectors.template_entry(user=request.user, entry_id=entry_id)
    if entry is None:
        raise Http404
    if request.method == "POST":
        services.template_entry_delete(entry=entry)
        messages.success(request, _("%(name)s has been removed.") % {"name": entry.name})
        return redirect("ropa:template")
    return render(request, "ropa/entry_delete.html", {"entry": entry})
