"""Coordinators' pages for the centre's own lists of skills, interests and areas."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from shared_apps.accounts.access import allow
from shared_apps.accounts.roles import CENTRE_STAFF
from tenant_apps.people import selectors, services
from tenant_apps.people.forms import AreaForm, SkillForm
from tenant_apps.people.models import Area, Skill
from toolkit.errors import ApplicationError, form_add_error


@allow(CENTRE_STAFF)
@require_http_methods(["GET", "POST"])
def skill_list(request):
    """The skills and interests volunteers can have; add one."""
    form = SkillForm(request.POST or None)
    del form.fields["is_active"]
    if request.method == "POST" and form.is_valid():
        try:
            skill = services.skill_create(
                name=form.cleaned_data["name"], kind=form.cleaned_data["kind"]
            )
        except ApplicationError as error:
            form_add_error(form, error)
        else:
            messages.success(request, _("“%(name)s” has been added.") % {"name": skill.name})
            return redirect("people:skill_list")
    return render(
        request, "people/skill_list.html", {"form": form, "skills": selectors.skill_list()}
    )


@allow(CENTRE_STAFF)
@require_http_methods(["GET", "POST"])
def skill_edit(request, skill_id: int):
    """Rename a skill or interest, or take it out of use."""
    skill = get_object_or_404(Skill, pk=skill_id)
    form = SkillForm(
        request.POST or None,
        initial={"name": skill.name, "kind": skill.kind, "is_active": skill.is_active},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.skill_update(skill=skill, **form.cleaned_data)
        except ApplicationError as error:
            form_add_error(form, error)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect("people:skill_list")
    return render(
        request,
        "people/list_item_form.html",
        {"form": form, "item": skill, "back_url_name": "people:skill_list"},
    )


@allow(CENTRE_STAFF)
@require_http_methods(["GET", "POST"])
def area_list(request):
    """The areas of the municipality volunteers can cover; add one."""
    form = AreaForm(request.POST or None)
    del form.fields["is_active"]
    if request.method == "POST" and form.is_valid():
        try:
            area = services.area_create(name=form.cleaned_data["name"])
        except ApplicationError as error:
            form_add_error(form, error)
        else:
            messages.success(request, _("“%(name)s” has been added.") % {"name": area.name})
            return redirect("people:area_list")
    return render(request, "people/area_list.html", {"form": form, "areas": selectors.area_list()})


@allow(CENTRE_STAFF)
@require_http_methods(["GET", "POST"])
def area_edit(request, area_id: int):
    """Rename an area, or take it out of use."""
    area = get_object_or_404(Area, pk=area_id)
    form = AreaForm(request.POST or None, initial={"name": area.name, "is_active": area.is_active})
    if request.method == "POST" and form.is_valid():
        try:
            services.area_update(area=area, **form.cleaned_data)
        except ApplicationError as error:
            form_add_error(form, error)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect("people:area_list")
    return render(
        request,
        "people/list_item_form.html",
        {"form": form, "item": area, "back_url_name": "people:area_list"},
    )
