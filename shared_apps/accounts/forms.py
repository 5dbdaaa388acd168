"""Forms of the account pages: they parse input; the rules live in services.py."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext


class SignInForm(AuthenticationForm):
    """E-mail and password. The field stays named "username": django-axes reads it."""

    username = forms.CharField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "The e-mail address or the password is wrong. Both are needed exactly as you "
            "registered them; the password is case-sensitive."
        ),
        "inactive": _("This account is closed."),
    }

    def get_invalid_login_error(self):
        from shared_apps.accounts.throttle import WAIT_ATTRIBUTE

        wait = getattr(self.request, WAIT_ATTRIBUTE, 0)
        if wait:
            return forms.ValidationError(
                ngettext(
                    "There have been many failed sign-ins to this account. Wait %(seconds)d "
                    "second and try again, or choose a new password with “Forgot your "
                    "password?”.",
                    "There have been many failed sign-ins to this account. Wait %(seconds)d "
                    "seconds and try again, or choose a new password with “Forgot your "
                    "password?”.",
                    wait,
                )
                % {"seconds": wait},
                code="throttled",
            )
        return super().get_invalid_login_error()

    def clean_username(self) -> str:
        # Accounts are stored in lower case. Lower-casing here also makes django-axes count
        # failed attempts per account whatever the case typed (it reads these credentials).
        return self.cleaned_data["username"].strip().lower()


class LocalizedPasswordResetForm(PasswordResetForm):
    """Django's reset form, with the e-mail in the language the person chose."""

    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        language = context["user"].preferred_language or translation.get_language()
        with translation.override(language):
            super().send_mail(subject_template_name, email_template_name, context, *args, **kwargs)


class NewAccountForm(forms.Form):
    """A new account from an invitation: the e-mail address comes from the invitation."""

    full_name = forms.CharField(
        label=_("Full name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        help_text=_("At least 8 characters; not only digits, and not a common password."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    service_fields = {"full_name": "full_name", "password": "password1"}

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords are not the same."))
        return cleaned


def language_choices() -> list[tuple[str, str]]:
    return [
        ("", _("Automatic: the centre's language, else your browser's")),
        *[
            (code, translation.get_language_info(code)["name_local"])
            for code, _n in settings.LANGUAGES
        ],
    ]


class PreferencesForm(forms.Form):
    full_name = forms.CharField(
        label=_("Full name"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    preferred_language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=language_choices,
        help_text=_("Pages and e-mails to you use this language."),
    )

    service_fields = {"full_name": "full_name", "language": "preferred_language"}
