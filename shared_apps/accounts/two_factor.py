"""Two-factor pages: set up an authenticator app, verify a sign-in, recovery codes, turn off.

Set-up and verification are reachable before the second factor (AccessPolicyMiddleware
sends people here); the others need it passed. The writes are in `two_factor_services`.
"""

from __future__ import annotations

from urllib.parse import quote

import django_otp
import segno
from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from shared_apps.accounts import two_factor_services as services
from shared_apps.accounts.access import allow, before_two_factor
from shared_apps.accounts.roles import Role

EVERY_ROLE = tuple(Role)
# The set-up begun in this session: only this session ever sees that secret.
PENDING_DEVICE_SESSION_KEY = "two_factor_pending_device"


class AuthenticatorCodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("6-digit code from your authenticator app"),
        max_length=12,
        error_messages={"required": gettext_lazy("Enter the code.")},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "autocapitalize": "off",
                "spellcheck": "false",
                "size": "8",
            }
        ),
    )


class RecoveryCodeForm(forms.Form):
    recovery_code = forms.CharField(
        label=gettext_lazy("Recovery code"),
        max_length=24,
        error_messages={"required": gettext_lazy("Enter the code.")},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "off",
                "spellcheck": "false",
                "size": "12",
            }
        ),
    )


class ConfirmForm(forms.Form):
    confirm = forms.BooleanField(
        label=gettext_lazy("I understand that my current recovery codes will stop working."),
        error_messages={"required": gettext_lazy("Tick the box to confirm.")},
    )


class DisableForm(AuthenticatorCodeForm):
    confirm = forms.BooleanField(
        label=gettext_lazy("Turn off two-factor authentication for my account."),
        error_messages={"required": gettext_lazy("Tick the box to confirm.")},
    )

    field_order = ["confirm", "code"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].label = _("Code from your authenticator app, or a recovery code")
        self.fields["code"].widget.attrs.pop("inputmode")


def _safe_next(request: HttpRequest) -> str:
    """Where to go afterwards: `next` if it stays on this host, else the front page."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return "/"


def _to(url_name: str, next_url: str) -> HttpResponseRedirect:
    return HttpResponseRedirect(f"{reverse(url_name)}?next={quote(next_url)}")


def _verified(request: HttpRequest) -> bool:
    is_verified = getattr(request.user, "is_verified", None)
    return bool(is_verified and is_verified())


def _passed(request: HttpRequest, device) -> None:
    """Record in the session that this person passed the second factor."""
    # A new session key on each step up, as on signing in: a key seen before this
    # moment never carries the second factor.
    request.session.cycle_key()
    django_otp.login(request, device)


def _focus_first_error(*forms_shown: forms.Form) -> None:
    """Put the cursor (and a screen reader) on the first field that needs fixing."""
    for form in forms_shown:
        for name in form.errors:
            if name in form.fields:
                form.fields[name].widget.attrs["autofocus"] = True
                return


def _qr_code_svg(device) -> str:
    # segno's inline SVG has presentation attributes only (no style attribute, no script),
    # so it passes our Content-Security-Policy.
    svg = segno.make(device.config_url, error="m").svg_inline(
        scale=4, border=4, light="#fff", title=_("QR code for your authenticator app")
    )
    # Made by segno from our own otpauth URL; segno escapes the title.
    return mark_safe(svg)


def _codes_page(request: HttpRequest, codes: list[str], next_url: str, *, is_new_setup: bool):
    return render(
        request,
        "accounts/two_factor_recovery_codes_new.html",
        {"codes": codes, "next_url": next_url, "is_new_setup": is_new_setup},
    )


@before_two_factor(*EVERY_ROLE)
@sensitive_post_parameters("code")
@never_cache
@require_http_methods(["GET", "POST"])
def setup(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app: QR code and secret, then a code to confirm it."""
    next_url = _safe_next(request)
    if services.confirmed_authenticator(user=request.user) is not None:
        # Never a second authenticator before the first one's code: that would let a
        # stolen password replace the second factor.
        return (
            HttpResponseRedirect(next_url)
            if _verified(request)
            else _to("two_factor:verify", next_url)
        )
    device = services.authenticator_start(
        user=request.user, device_id=request.session.get(PENDING_DEVICE_SESSION_KEY)
    )
    request.session[PENDING_DEVICE_SESSION_KEY] = device.pk
    form = AuthenticatorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device, codes = services.authenticator_confirm(
                user=request.user, device_id=device.pk, code=form.cleaned_data["code"]
            )
        except services.TwoFactorError as error:
            form.add_error("code", error.message)
        else:
            request.session.pop(PENDING_DEVICE_SESSION_KEY, None)
            _passed(request, device)
            return _codes_page(request, codes, next_url, is_new_setup=True)
    _focus_first_error(form)
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "qr_code": _qr_code_svg(device),
            "secret": services.authenticator_secret(device),
            "next_url": next_url,
        },
    )


@before_two_factor(*EVERY_ROLE)
@sensitive_post_parameters("code", "recovery_code")
@never_cache
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    """Ask for a code from the authenticator app, or a recovery code."""
    next_url = _safe_next(request)
    if services.confirmed_authenticator(user=request.user) is None:
        return _to("two_factor:setup", next_url)
    if _verified(request):
        return HttpResponseRedirect(next_url)
    form = AuthenticatorCodeForm(request.POST if "code" in request.POST else None)
    recovery_form = RecoveryCodeForm(request.POST if "recovery_code" in request.POST else None)
    submitted = form if form.is_bound else recovery_form if recovery_form.is_bound else None
    if submitted is not None and submitted.is_valid():
        field = "code" if submitted is form else "recovery_code"
        try:
            device = services.second_factor_verify(
                user=request.user, code=submitted.cleaned_data[field]
            )
        except services.TwoFactorError as error:
            submitted.add_error(field, error.message)
        else:
            _passed(request, device)
            if submitted is recovery_form:
                left = services.recovery_codes_left(user=request.user)
                messages.warning(
                    request,
                    ngettext(
                        "You used a recovery code. You have %(count)d left.",
                        "You used a recovery code. You have %(count)d left.",
                        left,
                    )
                    % {"count": left},
                )
            return HttpResponseRedirect(next_url)
    _focus_first_error(form, recovery_form)
    return render(
        request,
        "accounts/two_factor_verify.html",
        {
            "form": form,
            "recovery_form": recovery_form,
            "recovery_is_open": recovery_form.is_bound,
            "next_url": next_url,
        },
    )


@allow(*EVERY_ROLE)
@never_cache
@require_http_methods(["GET", "POST"])
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """Make new recovery codes, after a confirmation; needs the second factor passed."""
    next_url = _safe_next(request)
    this_page = request.get_full_path()
    if services.confirmed_authenticator(user=request.user) is None:
        return _to("two_factor:setup", this_page)
    if not _verified(request):
        return _to("two_factor:verify", this_page)
    form = ConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = services.recovery_codes_replace(user=request.user)
        return _codes_page(request, codes, next_url, is_new_setup=False)
    _focus_first_error(form)
    return render(
        request,
        "accounts/two_factor_recovery_codes.html",
        {
            "form": form,
            "codes_left": services.recovery_codes_left(user=request.user),
            "next_url": next_url,
        },
    )


@allow(*EVERY_ROLE)
@sensitive_post_parameters("code")
@never_cache
@require_http_methods(["GET", "POST"])
def disable(request: HttpRequest) -> HttpResponse:
    """Turn two-factor authentication off, for people whose roles do not require it."""
    is_required = services.two_factor_is_required(user=request.user)
    is_on = services.confirmed_authenticator(user=request.user) is not None
    form = DisableForm(request.POST or None)
    if request.method == "POST" and is_on and not is_required and form.is_valid():
        try:
            services.two_factor_disable(user=request.user, code=form.cleaned_data["code"])
        except services.TwoFactorError as error:
            form.add_error("code", error.message)
        else:
            return HttpResponseRedirect(reverse("two_factor:disable"))
    _focus_first_error(form)
    return render(
        request,
        "accounts/two_factor_disable.html",
        {"form": form, "is_required": is_required, "is_on": is_on},
        status=403 if is_required and request.method == "POST" else 200,
    )
