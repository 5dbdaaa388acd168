"""Sign-in, sign-out, password reset, invitations and preferences, on every host.

The same views serve the platform host and every centre's host; what differs is where a
person lands afterwards (selectors.home_url_for) and which invitations a host accepts.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from shared_apps.accounts.access import Policy, allow, public, roles_for
from shared_apps.accounts.forms import (
    LocalizedPasswordResetForm,
    NewAccountForm,
    PreferencesForm,
    SignInForm,
)
from shared_apps.accounts.models import Invitation
from shared_apps.accounts.roles import Role
from shared_apps.accounts.selectors import (
    account_for_email,
    centre_host,
    home_url_for,
    platform_host,
    workspaces_for,
)
from shared_apps.accounts.services import (
    AwaitsApproval,
    InvitationUnusable,
    NotAllowed,
    invitation_for_token,
    user_preferences_update,
)
from shared_apps.accounts.services import (
    invitation_accept as accept_invitation,
)
from shared_apps.accounts.throttle import (
    KNOWN_BROWSER_AGE,
    KNOWN_BROWSER_COOKIE,
    known_browser_value,
)
from toolkit.errors import ApplicationError, form_add_error

# The backend that made the account a session for: accepting an invitation signs in
# without a password check (the link proved the e-mail address).
SIGN_IN_BACKEND = "django.contrib.auth.backends.ModelBackend"


class SignInView(auth_views.LoginView):
    access_policy = Policy(is_public=True)
    form_class = SignInForm
    template_name = "accounts/login.html"

    def get_default_redirect_url(self) -> str:
        return home_url_for(user=self.request.user, request=self.request)

    def form_valid(self, form):
        response = super().form_valid(form)
        # This browser is the person's: the per-account throttle leaves it alone, so that a
        # stranger's wrong guesses elsewhere never keep the person out (throttle.py).
        response.set_cookie(
            KNOWN_BROWSER_COOKIE,
            known_browser_value(email=form.get_user().email),
            max_age=int(KNOWN_BROWSER_AGE.total_seconds()),
            secure=self.request.is_secure(),
            httponly=True,
            samesite="Lax",
        )
        return response


class SignOutView(auth_views.LogoutView):
    """POST only (Django's LogoutView refuses GET): a link cannot sign anyone out."""

    access_policy = Policy(is_public=True, is_session_endpoint=True)


class PasswordResetView(auth_views.PasswordResetView):
    access_policy = Policy(is_public=True)
    form_class = LocalizedPasswordResetForm
    template_name = "accounts/password_reset_form.html"
    subject_template_name = "accounts/password_reset_subject.txt"
    email_template_name = "accounts/password_reset_email.txt"
    html_email_template_name = "accounts/password_reset_email.html"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    access_policy = Policy(is_public=True)
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    access_policy = Policy(is_public=True)
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    access_policy = Policy(is_public=True)
    template_name = "accounts/password_reset_complete.html"


def _invitation_place(invitation: Invitation) -> str:
    place = invitation.centre or invitation.federation or invitation.municipality
    return place.name if place is not None else ""


def _right_host(request: HttpRequest, invitation: Invitation) -> str | None:
    """None if this host accepts the invitation, else the host that does."""
    centre = getattr(request, "centre", None)
    if invitation.centre_id is not None:
        if centre is not None and centre.pk == invitation.centre_id:
            return None
        return centre_host(centre=invitation.centre, request=request)
    return None if centre is None else platform_host(request=request)


@public
@sensitive_post_parameters("password1", "password2")
@never_cache
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """Accept an invitation: make the account, or sign in first if it exists."""
    try:
        invitation = invitation_for_token(token)
    except InvitationUnusable as error:
        status = 404 if error.reason == "unknown" else 410
        context = {"message": error.message, "reason": error.reason}
        return render(request, "accounts/invitation_unusable.html", context, status=status)

    context = {"invitation": invitation, "place_name": _invitation_place(invitation)}
    right_host = _right_host(request, invitation)
    if right_host is not None:
        context["right_url"] = f"{request.scheme}://{right_host}{request.path}"
        return render(request, "accounts/invitation_wrong_host.html", context, status=400)

    account = account_for_email(invitation.email)
    signed_in_as_invitee = account is not None and request.user.pk == account.pk
    if account is not None and not signed_in_as_invitee:
        login_url = reverse("accounts:login")
        context["sign_in_url"] = f"{login_url}?{urlencode({'next': request.path})}"
        status = 403 if request.method == "POST" else 200
        return render(request, "accounts/invitation_sign_in.html", context, status=status)

    form = NewAccountForm(request.POST or None) if account is None else None
    if request.method == "POST" and (form is None or form.is_valid()):
        fields = form.cleaned_data if form is not None else {}
        try:
            user = accept_invitation(
                token=token,
                user=request.user if request.user.is_authenticated else None,
                full_name=fields.get("full_name", ""),
                password=fields.get("password1", ""),
            )
        except InvitationUnusable as error:
            context = {"message": error.message, "reason": error.reason}
            return render(request, "accounts/invitation_unusable.html", context, status=410)
        except AwaitsApproval as error:
            context = {"message": error.message, "reason": "awaits_approval"}
            return render(request, "accounts/invitation_unusable.html", context, status=409)
        except NotAllowed as error:
            context["error"] = error.message
            return render(request, "accounts/invitation_sign_in.html", context, status=403)
        except ApplicationError as error:
            if form is None:
                context["error"] = error.message
            else:
                form_add_error(form, error, fields=NewAccountForm.service_fields)
        else:
            if not signed_in_as_invitee:
                login(request, user, backend=SIGN_IN_BACKEND)
            messages.success(
                request,
                _("Welcome! You are now %(role)s at %(place)s.")
                % {"role": invitation.get_role_display().lower(), "place": context["place_name"]},
            )
            return redirect(home_url_for(user=user, request=request))
    context["form"] = form
    return render(request, "accounts/invitation_accept.html", context)


def _can_write_here(request: HttpRequest) -> bool:
    """Municipality viewers' sessions never write on the platform host (access.py)."""
    return getattr(request, "centre", None) is not None or (
        Role.MUNICIPALITY_VIEWER not in roles_for(request.user, request)
    )


def _set_language_cookie(response: HttpResponse, language: str) -> None:
    if not language:
        response.delete_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
        return
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


@allow(*Role.values)
def preferences(request: HttpRequest) -> HttpResponse:
    """The signed-in person's own name and language."""
    user = request.user
    initial = {"full_name": user.full_name, "preferred_language": user.preferred_language}
    form = PreferencesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        language = form.cleaned_data["preferred_language"]
        try:
            user_preferences_update(
                user=user, full_name=form.cleaned_data["full_name"], preferred_language=language
            )
        except ApplicationError as error:
            form_add_error(form, error, fields=PreferencesForm.service_fields)
        else:
            with translation.override(language or translation.get_language()):
                messages.success(request, _("Your preferences are saved."))
            response = HttpResponseRedirect(reverse("accounts:preferences"))
            _set_language_cookie(response, language)
            return response
    return render(
        request,
        "accounts/preferences.html",
        {"form": form, "can_save": _can_write_here(request)},
    )


@public
@never_cache
def elsewhere(request: HttpRequest) -> HttpResponse:
    """After signing in on a host where the person has no role: where their work is."""
    if not request.user.is_authenticated:
        return redirect("accounts:login")
    workspaces = [w for w in workspaces_for(user=request.user, request=request) if not w.is_here]
    return render(request, "accounts/elsewhere.html", {"workspaces": workspaces})
