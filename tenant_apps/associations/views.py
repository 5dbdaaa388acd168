"""Pages of the association directory: the public directory and registration form, the
staff's pages, and the pages of an association's own contact."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from shared_apps.accounts.access import allow, public
from shared_apps.accounts.roles import ASSOCIATION_CONTACTS, CENTRE_STAFF
from tenant_apps.associations import selectors, services
from tenant_apps.associations.forms import (
    AssociationForm,
    ContactInviteForm,
    DirectoryFilterForm,
    MembershipForm,
    RegistrationForm,
    StaffFilterForm,
)
from tenant_apps.associations.models import Association, AssociationContact
from tenant_apps.associations.orgnumbers import organisation_number_display
from toolkit.errors import ApplicationError, form_add_error
from toolkit.pagination import paginate
from toolkit.ratelimit import rate_limit_exceeded

DIRECTORY_PAGE_SIZE = 20


def _country(request) -> str:
    return request.centre.federation.country


# --- Public ---------------------------------------------------------------------------------


@public
def directory(request):
    """The public directory: search by text, filter by category and target group."""
    form = DirectoryFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    associations = selectors.public_associations(
        text=filters.get("q", ""),
        category=filters.get("category", ""),
        target_group=filters.get("target_group", ""),
    )
    page = paginate(request, associations, per_page=DIRECTORY_PAGE_SIZE)
    return render(
        request, "associations/directory.html", {"form": form, "page": page, "filtered": filters}
    )


@public
def detail(request, association_id: int):
    """One association of the public directory."""
    association = selectors.public_association(association_id)
    if association is None:
        raise Http404
    return render(
        request,
        "associations/detail.html",
        {
            "association": association,
            "organisation_number": organisation_number_display(
                association.organisation_number, country=_country(request)
            ),
        },
    )


@public
@require_http_methods(["GET", "POST"])
def register(request):
    """An association asks to be listed; the staff approve it."""
    country = _country(request)
    form = RegistrationForm(request.POST or None, country=country)
    status = 200
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["nickname"]:
            # A robot filled in the hidden field: it is told all went well, nothing is kept.
            return redirect("associations:registered")
        if rate_limit_exceeded(request, scope="association_register"):
            form.add_error(
                None,
                _("Too many registrations were sent from your address. Try again in an hour."),
            )
            status = 429
        else:
            try:
                services.association_register(details=form.details(), country=country)
            except ApplicationError as error:
                form_add_error(form, error)
            else:
                return redirect("associations:registered")
    return render(request, "associations/register.html", {"form": form}, status=status)


@public
def registered(request):
    """Thanks for registering."""
    return render(request, "associations/registered.html")


# --- Staff ----------------------------------------------------------------------------------


@allow(CENTRE_STAFF)
def staff_list(request):
    """Every association of the directory, registrations waiting for approval first."""
    form = StaffFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    associations = selectors.staff_associations(
        status=filters.get("status", ""),
        text=filters.get("q", ""),
        members_only=filters.get("members_only", False),
    )
    return render(
        request,
        "associations/staff_list.html",
        {
            "form": form,
            "page": paginate(request, associations),
            "pending": selectors.pending_count(),
        },
    )


@allow(CENTRE_STAFF)
@require_http_methods(["GET", "POST"])
def staff_new(request):
    """Staff add an association to the directory themselves."""
    country = _country(request)
    form = AssociationForm(request.POST or None, country=country)
    if request.method == "POST" and form.is_valid():
        try:
            association = services.association_create(
                actor=request.user, details=form.details(), country=country
            )
        except ApplicationError as error:
            form_add_error(form, error)
        else:
            messages.success(request, _("%(name)s was added.") % {"name": association.name})
            return redirect("associations:staff_detail", association.pk)
    return render(request, "associations/staff_new.html", {"form": form})


def _staff_association(association_id: int) -> Association:
    association = Association.objects.filter(pk=association_id).first()
    if association is None:
        raise Http404
    return association


def _staff_detail(request, association, *, form=None, membership_form=None, invite_form=None):
    country = _country(request)
    has_errors = any(f is not None and f.errors for f in (form, membership_form, invite_form))
    if form is None:
        form = AssociationForm(
            initial=AssociationForm.initial_of(association, country=country), country=country
        )
    if membership_form is None:
        membership_form = MembershipForm(
            initial={
                "member_since": association.member_since,
                "member_contact_name": association.member_contact_name,
            }
        )
    if invite_form is None:
        invite_form = ContactInviteForm(initial={"language": get_language()})
    return render(
        request,
        "associations/staff_detail.html",
        {
            "association": association,
            "form": form,
            "membership_form": membership_form,
            "invite_form": invite_form,
            "contacts": selectors.contacts_of(association),
        },
        status=400 if has_errors else 200,
    )


@allow(CENTRE_STAFF)
@require_http_methods(["GET", "POST"])
def staff_detail(request, association_id: int):
    """An association's entry: edit it, decide on it, its membership and its contacts."""
    association = _staff_association(association_id)
    if request.method != "POST":
        return _staff_detail(request, association)
    country = _country(request)
    form = AssociationForm(request.POST, country=country)
    if form.is_valid():
        try:
            services.association_update(
                actor=request.user,
                association=association,
                details=form.details(),
                country=country,
            )
        except ApplicationError as error:
            form_add_error(form, error)
        else:
            messages.success(request, _("The entry was saved."))
            return redirect("associations:staff_detail", association.pk)
    association.refresh_from_db()
    return _staff_detail(request, association, form=form)


@allow(CENTRE_STAFF)
@require_POST
def staff_decide(request, association_id: int):
    """Approve or decline a registration."""
    association = _staff_association(association_id)
    approve = request.POST.get("decision") == "approve"
    services.association_decide(actor=request.user, association=association, approve=approve)
    message = _("%(name)s was approved.") if approve else _("%(name)s was declined.")
    messages.success(request, message % {"name": association.name})
    return redirect("associations:staff_detail", association.pk)


@allow(CENTRE_STAFF)
@require_POST
def staff_membership(request, association_id: int):
    """Make the association a member association of the centre, or end its membership."""
    association = _staff_association(association_id)
    form = MembershipForm(request.POST)
    if form.is_valid():
        try:
            services.association_membership_set(
                actor=request.user,
                association=association,
                member_since=form.cleaned_data["member_since"],
                member_contact_name=form.cleaned_data["member_contact_name"],
            )
        except ApplicationError as error:
            form_add_error(form, error)
        else:
            messages.success(request, _("The membership was saved."))
            return redirect("associations:staff_detail", association.pk)
    return _staff_detail(request, association, membership_form=form)


@allow(CENTRE_STAFF)
@require_POST
def staff_contact_invite(request, association_id: int):
    """Invite a person to keep the association's entry up to date."""
    association = _staff_association(association_id)
    form = ContactInviteForm(request.POST)
    if form.is_valid():
        try:
            contact = services.association_contact_invite(
                actor=request.user,
                centre_id=request.centre.pk,
                association=association,
                email=form.cleaned_data["email"],
                host=request.get_host(),
                language=form.cleaned_data["language"],
            )
        except ApplicationError as error:
            form_add_error(form, error)
        else:
            messages.success(
                request,
                _("%(email)s is now a contact of the association.") % {"email": contact.email}
                if contact.user_id
                else _("An invitation was sent to %(email)s.") % {"email": contact.email},
            )
            return redirect("associations:staff_detail", association.pk)
    return _staff_detail(request, association, invite_form=form)


@allow(CENTRE_STAFF)
@require_http_methods(["GET", "POST"])
def staff_contact_remove(request, association_id: int, contact_id: int):
    """Ask, then stop a person keeping the association's entry."""
    association = _staff_association(association_id)
    contact = AssociationContact.objects.filter(pk=contact_id, association=association).first()
    if contact is None:
        raise Http404
    if request.method == "POST":
        services.association_contact_remove(actor=request.user, contact=contact)
        messages.success(
            request,
            _("%(email)s no longer keeps the entry of %(name)s.")
            % {"email": contact.email, "name": association.name},
        )
        return redirect("associations:staff_detail", association.pk)
    return render(
        request,
        "associations/staff_contact_remove.html",
        {"association": association, "contact": contact},
    )


# --- The association's contact --------------------------------------------------------------


@allow(ASSOCIATION_CONTACTS)
def mine(request):
    """The associations whose entry the signed-in contact keeps."""
    services.association_contacts_claim(user_id=request.user.pk, email=request.user.email)
    associations = list(selectors.associations_of_contact(user_id=request.user.pk))
    return render(request, "associations/mine.html", {"associations": associations})


@allow(ASSOCIATION_CONTACTS)
@require_http_methods(["GET", "POST"])
def mine_edit(request, association_id: int):
    """The contact keeps their association's entry up to date (never another's)."""
    association = selectors.association_of_contact(
        user_id=request.user.pk, association_id=association_id
    )
    if association is None:
        raise Http404
    country = _country(request)
    if request.method == "POST":
        form = AssociationForm(request.POST, country=country)
        if form.is_valid():
            try:
                services.association_update(
                    actor=request.user,
                    association=association,
                    details=form.details(),
                    country=country,
                    as_contact=True,
                )
            except ApplicationError as error:
                form_add_error(form, error)
            else:
                messages.success(request, _("Your association's entry was saved."))
                return redirect("associations:mine")
    else:
        form = AssociationForm(
            initial=AssociationForm.initial_of(association, country=country), country=country
        )
    return render(
        request, "associations/mine_edit.html", {"association": association, "form": form}
    )
