"""A centre's own pages for its people: overview, members, invitations, account, API tokens."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from shared_apps.accounts import facade
from shared_apps.accounts.access import allow, may_open
from shared_apps.accounts.roles import (
    ASSOCIATION_CONTACTS,
    CENTRE_MANAGERS,
    CENTRE_MEMBERS,
    CENTRE_STAFF,
)
from tenant_apps.staff import selectors, services
from tenant_apps.staff.forms import CENTRE_ROLE_CHOICES, InviteForm, RoleForm, TokenForm
from tenant_apps.staff.navigation import STAFF_MENU
from toolkit.errors import ApplicationError, form_add_error
from toolkit.navigation import menu_pages


def _own_account(request):
    account = facade.centre_account(centre_id=request.centre.pk, user_id=request.user.pk)
    if account is None:  # the role was taken away since the access check
        raise Http404
    return account


@allow(CENTRE_MEMBERS, ASSOCIATION_CONTACTS)
def dashboard(request):
    """Welcome: the centre, the person's role here and the pages they may use."""
    pages = [
        page for page in menu_pages(request, STAFF_MENU) if page.view_name != "staff:dashboard"
    ]
    return render(
        request, "staff/dashboard.html", {"account": _own_account(request), "pages": pages}
    )


@allow(CENTRE_STAFF)
def dashboard_today(request):
    """Today's sessions, unfilled shifts, new help requests, certificates to renew and hours
    waiting for approval, on one page for coordinators."""
    today = selectors.centre_today(timezone.localdate())
    return render(
        request,
        "staff/dashboard_today.html",
        {
            "today": today.today,
            "sessions": today.sessions,
            "shifts": today.shifts,
            "help_requests": today.help_requests,
            "certificates": today.certificates,
            "waiting": today.waiting,
            "volunteer_applications": today.volunteer_applications,
            "shift_days": selectors.UNFILLED_SHIFT_DAYS,
            "certificate_days": selectors.CERTIFICATE_WINDOW_DAYS,
        },
    )


@allow(CENTRE_STAFF)
def dashboard_today_moved(request):
    """The page's first address, /hours/dashboard/, kept for bookmarks."""
    return redirect("staff:dashboard_today", permanent=True)


@allow(CENTRE_STAFF)
def members(request):
    """Everyone with a role at this centre (viewing it is audited)."""
    member_list = services.member_list_view(actor=request.user, centre_id=request.centre.pk)
    may_invite = may_open(request, invite)
    return render(
        request,
        "staff/members.html",
        {
            "members": member_list,
            "may_manage": may_open(request, member_role),
            "may_invite": may_invite,
            "role_choices": CENTRE_ROLE_CHOICES,
            # Those who may send invitations see the pending ones, to send again or withdraw.
            "invitations": (
                facade.centre_invitations_pending(centre_id=request.centre.pk) if may_invite else []
            ),
        },
    )


@allow(CENTRE_MANAGERS)
@require_http_methods(["GET", "POST"])
def invite(request):
    """Invite someone by e-mail to become a coordinator or volunteer at this centre."""
    form = InviteForm(
        request.POST or None, initial={"language": request.centre.federation.default_language}
    )
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.member_invite(
                actor=request.user,
                centre_id=request.centre.pk,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                language=form.cleaned_data["language"],
                host=request.get_host(),
            )
        except ApplicationError as error:
            form_add_error(form, error)
        else:
            messages.success(
                request,
                _("An invitation has been sent to %(email)s.") % {"email": invitation.email},
            )
            return redirect("staff:members")
    return render(request, "staff/invite.html", {"form": form})


@allow(CENTRE_MANAGERS)
@require_POST
def invitation_resend(request, invitation_id: int):
    """E-mail a pending invitation again with a new link (the old link stops working)."""
    try:
        invitation = services.member_invitation_resend(
            actor=request.user,
            centre_id=request.centre.pk,
            invitation_id=invitation_id,
            host=request.get_host(),
        )
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("A new invitation has been sent to %(email)s. The earlier link no longer works.")
            % {"email": invitation.email},
        )
    return redirect("staff:members")


@allow(CENTRE_MANAGERS)
@require_http_methods(["GET", "POST"])
def invitation_revoke(request, invitation_id: int):
    """Ask, then withdraw a pending invitation (its link stops working)."""
    invitation = facade.centre_invitation_pending(
        centre_id=request.centre.pk, invitation_id=invitation_id
    )
    if invitation is None:
        raise Http404
    if request.method == "POST":
        try:
            services.member_invitation_revoke(
                actor=request.user, centre_id=request.centre.pk, invitation_id=invitation_id
            )
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("The invitation to %(email)s has been withdrawn.") % {"email": invitation.email},
            )
        return redirect("staff:members")
    return render(request, "staff/invitation_revoke.html", {"invitation": invitation})


@allow(CENTRE_MANAGERS)
@require_POST
def member_role(request, user_id: int):
    """Give a member another role."""
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the roles."))
        return redirect("staff:members")
    try:
        member = services.member_role_change(
            actor=request.user,
            centre_id=request.centre.pk,
            user_id=user_id,
            role=form.cleaned_data["role"],
        )
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("The role of %(name)s has been changed.") % {"name": member.display_name},
        )
    return redirect("staff:members")


@allow(CENTRE_MANAGERS)
@require_http_methods(["GET", "POST"])
def member_remove(request, user_id: int):
    """Ask, then take a member's role at this centre away."""
    member = facade.centre_member(centre_id=request.centre.pk, user_id=user_id)
    if member is None:
        raise Http404
    if request.method == "POST":
        try:
            services.member_remove(actor=request.user, centre_id=request.centre.pk, user_id=user_id)
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("%(name)s is no longer a member of this centre.") % {"name": member.display_name},
            )
        return redirect("staff:members")
    return render(request, "staff/member_remove.html", {"member": member})


@allow(CENTRE_MEMBERS, ASSOCIATION_CONTACTS)
def profile(request):
    """The person's own account and role at this centre."""
    return render(request, "staff/profile.html", {"account": _own_account(request)})


@allow(CENTRE_STAFF)
@require_http_methods(["GET", "POST"])
def tokens(request):
    """The person's own API tokens for this centre; a new token's key is shown once."""
    form = TokenForm(request.POST or None)
    created = None
    if request.method == "POST" and form.is_valid():
        try:
            created = services.api_token_create(
                actor=request.user,
                centre_id=request.centre.pk,
                name=form.cleaned_data["name"],
                lifetime_days=form.cleaned_data["lifetime"],
                # A token stands for this session's second factor (accounts/tokens.py).
                two_factor_passed=request.user.is_verified(),
            )
        except ApplicationError as error:
            form_add_error(form, error)
        else:
            form = TokenForm()
    token_list = facade.api_tokens(user_id=request.user.pk, centre_id=request.centre.pk)
    response = render(
        request, "staff/tokens.html", {"form": form, "tokens": token_list, "created": created}
    )
    # The page may hold a key that must exist nowhere but on this screen.
    add_never_cache_headers(response)
    return response


@allow(CENTRE_STAFF)
@require_http_methods(["GET", "POST"])
def token_revoke(request, token_id: int):
    """Ask, then revoke one of the person's own tokens."""
    token = facade.api_token(
        user_id=request.user.pk, centre_id=request.centre.pk, token_id=token_id
    )
    if token is None:
        raise Http404
    if request.method == "POST":
        try:
            services.api_token_revoke(
                actor=request.user, centre_id=request.centre.pk, token_id=token_id
            )
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, _("The token “%(name)s” has been revoked.") % {"name": token.name}
            )
        return redirect("staff:tokens")
    return render(request, "staff/token_revoke.html", {"token": token})
