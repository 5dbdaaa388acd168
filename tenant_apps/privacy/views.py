"""GDPR pages of a centre: a person's own data (export, erase their account), a manager's
export and erasure of a volunteer or participant, the retention rules with their dry run,
and the record of processing activities."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from shared_apps.accounts.access import allow
from shared_apps.accounts.roles import CENTRE_MANAGERS, CENTRE_MEMBERS
from tenant_apps.people.models import Participant, Volunteer
from tenant_apps.privacy import selectors, services
from tenant_apps.privacy.forms import (
    ContactEraseForm,
    ContactSearchForm,
    EraseConfirmForm,
    ProcessingActivityForm,
    RetentionRulesForm,
)
from tenant_apps.privacy.models import ProcessingActivity
from toolkit.errors import ApplicationError, form_add_error

# The dry run looks this far ahead, so that managers see what comes next and when.
PLAN_DAYS = 90


def _format(request) -> str:
    return services.PDF if request.GET.get("format") == services.PDF else services.JSON


def _export(request, person, label: str):
    return services.personal_data_export(
        actor=request.user, person=person, label=label, file_format=_format(request)
    ).response()


# --- Your own data -------------------------------------------------------------------------


def _own_person(request):
    return selectors.account_person(centre_id=request.centre.pk, user_id=request.user.pk)


@allow(CENTRE_MEMBERS)
@require_safe
def me(request):
    """What this centre holds about you, to download, and erasing your account."""
    person = _own_person(request)
    report = services.personal_data_report(person=person, label=request.user.email)
    return render(request, "privacy/me.html", {"report": report})


@allow(CENTRE_MEMBERS)
@require_safe
def me_export(request):
    """Your data at this centre as JSON or PDF."""
    return _export(request, _own_person(request), request.user.email)


@allow(CENTRE_MEMBERS)
@require_http_methods(["GET", "POST"])
def me_erase(request):
    """Ask, then erase your account and your volunteer record here."""
    person = _own_person(request)
    report = services.personal_data_report(person=person, label=request.user.email)
    form = EraseConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.account_erase(actor=request.user, centre_id=request.centre.pk)
        except ApplicationError as error:
            form_add_error(form, error)
        else:
            logout(request)
            messages.success(request, _("Your account and your data here have been erased."))
            return redirect("centre-home")
    return render(request, "privacy/me_erase.html", {"report": report, "form": form})


# --- A manager's export and erasure ---------------------------------------------------------


def _volunteer(volunteer_id: int) -> Volunteer:
    return get_object_or_404(Volunteer, pk=volunteer_id)


def _participant(participant_id: int) -> Participant:
    return get_object_or_404(Participant, pk=participant_id)


@allow(CENTRE_MANAGERS)
@require_safe
def volunteer_export(request, volunteer_id: int):
    """Everything the centre holds about a volunteer, as JSON or PDF."""
    volunteer = _volunteer(volunteer_id)
    return _export(request, selectors.volunteer_person(volunteer), volunteer.full_name)


@allow(CENTRE_MANAGERS)
@require_safe
def participant_export(request, participant_id: int):
    """Everything the centre holds about a participant, as JSON or PDF."""
    participant = _participant(participant_id)
    return _export(request, selectors.participant_person(participant), str(participant))


def _erase_page(request, *, person, label: str, erase, back: str, back_args):
    report = selectors.personal_data(person=person, label=label)
    form = EraseConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            erase()
        except ApplicationError as error:
            form_add_error(form, error)
        else:
            messages.success(
                request,
                _("The personal data of %(name)s has been erased.") % {"name": label},
            )
            return redirect(back, *back_args)
    return render(
        request,
        "privacy/erase.html",
        {"report": report, "form": form, "label": label, "back": back, "back_args": back_args},
    )


@allow(CENTRE_MANAGERS)
@require_http_methods(["GET", "POST"])
def volunteer_erase(request, volunteer_id: int):
    """Ask, then erase a volunteer's personal data (hours and statistics stay)."""
    volunteer = _volunteer(volunteer_id)
    return _erase_page(
        request,
        person=selectors.volunteer_person(volunteer),
        label=volunteer.full_name,
        erase=lambda: services.volunteer_erase(actor=request.user, volunteer=volunteer),
        back="people:volunteer_detail",
        back_args=[volunteer.pk],
    )


@allow(CENTRE_MANAGERS)
@require_http_methods(["GET", "POST"])
def participant_erase(request, participant_id: int):
    """Ask, then erase a participant's personal data (help requests stay, anonymised)."""
    participant = _participant(participant_id)
    return _erase_page(
        request,
        person=selectors.participant_person(participant),
        label=str(participant),
        erase=lambda: services.participant_erase(actor=request.user, participant=participant),
        back="people:participant_detail",
        back_args=[participant.pk],
    )


# --- People known only by an e-mail address (public forms) --------------------------------
# The address travels in POST bodies, never in a URL: addresses and logs keep no personal data.


@allow(CENTRE_MANAGERS)
@require_http_methods(["GET", "POST"])
def contacts(request):
    """Find what the centre holds under an e-mail address given on a public form (sign-ups,
    event registrations, nominations, an association's contact person)."""
    form = ContactSearchForm(request.POST or None)
    report = None
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        report = selectors.personal_data(person=selectors.contact_person(email), label=email)
    found = report is not None and any(section.records for section in report.sections)
    return render(
        request, "privacy/contacts.html", {"form": form, "report": report, "found": found}
    )


@allow(CENTRE_MANAGERS)
@require_POST
def contact_export(request):
    """Everything held under an e-mail address, as JSON or PDF (recorded in the audit log)."""
    form = ContactSearchForm(request.POST)
    if not form.is_valid():
        return redirect("privacy:contacts")
    email = form.cleaned_data["email"]
    return services.personal_data_export(
        actor=request.user,
        person=selectors.contact_person(email),
        label=email,
        file_format=services.PDF if request.POST.get("format") == services.PDF else services.JSON,
    ).response()


@allow(CENTRE_MANAGERS)
@require_POST
def contact_erase(request):
    """Ask, then erase what is held under an e-mail address (the rows stay, anonymised)."""
    asking = "ask" in request.POST
    form = ContactEraseForm(
        None if asking else request.POST, initial={"email": request.POST.get("email", "")}
    )
    email = request.POST.get("email", "").strip()
    if not asking and form.is_valid():
        email = form.cleaned_data["email"]
        try:
            services.contact_erase(actor=request.user, email=email)
        except ApplicationError as error:
            form_add_error(form, error)
        else:
            messages.success(
                request,
                _("The personal data held under %(email)s has been erased.") % {"email": email},
            )
            return redirect("privacy:contacts")
    report = selectors.personal_data(person=selectors.contact_person(email), label=email)
    return render(request, "privacy/contact_erase.html", {"form": form, "report": report})


# --- Retention -----------------------------------------------------------------------------


@allow(CENTRE_MANAGERS)
@require_http_methods(["GET", "POST"])
def retention(request):
    """The centre's retention rules and what they would do now and in the coming months."""
    rules = selectors.retention_rules()
    form = RetentionRulesForm(request.POST or None, instance=rules)
    if request.method == "POST" and form.is_valid():
        try:
            services.retention_rules_update(actor=request.user, **form.cleaned_data)
        except ApplicationError as error:
            form_add_error(form, error)
        else:
            messages.success(request, _("The retention rules have been saved."))
            return redirect("privacy:retention")
    plan = selectors.retention_plan(within_days=PLAN_DAYS)
    today = timezone.localdate()
    return render(
        request,
        "privacy/retention.html",
        {
            "form": form,
            "rules": rules,
            "due": [change for change in plan if change.due_on <= today],
            "coming": [change for change in plan if change.due_on > today],
            "plan_days": PLAN_DAYS,
        },
    )


@allow(CENTRE_MANAGERS)
@require_POST
def retention_apply(request):
    """Do now what the retention rules say is due (the dry run above the button)."""
    result = services.retention_apply(actor=request.user)
    messages.success(
        request,
        _("%(count)s changes made by the retention rules.") % {"count": len(result.applied)},
    )
    return redirect("privacy:retention")


# --- Record of processing activities ---------------------------------------------------------


@allow(CENTRE_MANAGERS)
@require_safe
def processing_list(request):
    """The centre's record of processing activities (first filled from the federation's)."""
    services.processing_activities_install(centre_id=request.centre.pk)
    return render(
        request,
        "privacy/processing_list.html",
        {"activities": selectors.processing_activities()},
    )


def _processing_form(request, activity: ProcessingActivity | None):
    form = ProcessingActivityForm(request.POST or None, instance=activity)
    if request.method == "POST" and form.is_valid():
        try:
            services.processing_activity_save(
                actor=request.user, activity=activity, **form.cleaned_data
            )
        except ApplicationError as error:
            form_add_error(form, error)
        else:
            messages.success(request, _("The record of processing activities has been saved."))
            return redirect("privacy:processing")
    return render(request, "privacy/processing_form.html", {"form": form, "activity": activity})


@allow(CENTRE_MANAGERS)
@require_http_methods(["GET", "POST"])
def processing_create(request):
    """Add a processing activity to the centre's record."""
    return _processing_form(request, None)


@allow(CENTRE_MANAGERS)
@require_http_methods(["GET", "POST"])
def processing_edit(request, activity_id: int):
    """Change a processing activity of the centre's record."""
    return _processing_form(request, get_object_or_404(ProcessingActivity, pk=activity_id))


@allow(CENTRE_MANAGERS)
@require_http_methods(["GET", "POST"])
def processing_delete(request, activity_id: int):
    """Ask, then remove a processing activity from the centre's record."""
    activity = get_object_or_404(ProcessingActivity, pk=activity_id)
    if request.method == "POST":
        services.processing_activity_delete(actor=request.user, activity=activity)
        messages.success(request, _("%(name)s has been removed.") % {"name": activity.name})
        return redirect("privacy:processing")
    return render(request, "privacy/processing_delete.html", {"activity": activity})
