"""What every form a visitor may post without signing in shares: a honeypot field against
robots, and a plain consent box.

The honeypot is a text field that people never see (`toolkit/_honeypot.html` puts it off
screen, out of the tab order and hidden from screen readers); robots that fill every field
fill it too. A form with it filled is treated as sent (the robot learns nothing) and nothing
is saved. `public_form_submit` runs the checks in order (fields, rate limit per address,
honeypot) and calls the service; the view then redirects to a thank-you page that shows
nothing of what was sent, so no visitor ever sees another's input.
"""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.utils.translation import gettext_lazy as _

from toolkit.errors import ApplicationError, form_add_error
from toolkit.ratelimit import DEFAULT_LIMIT, DEFAULT_WINDOW_SECONDS, rate_limit_exceeded

HONEYPOT_FIELD = "website"


class PublicForm(forms.Form):
    """A public form with the honeypot field; subclasses add their own fields."""

    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def is_spam(self) -> bool:
        """Whether the honeypot was filled (call after is_valid())."""
        return bool(self.data.get(HONEYPOT_FIELD, "").strip())

    def visible_fields(self):
        return [field for field in super().visible_fields() if field.name != HONEYPOT_FIELD]


def consent_field(label: str, *, help_text: str = "") -> forms.BooleanField:
    """A box the visitor must tick to agree to what `label` says."""
    return forms.BooleanField(
        label=label,
        required=True,
        help_text=help_text,
        error_messages={"required": _("Tick the box to agree, or we cannot take your form.")},
    )


RATE_LIMITED_MESSAGE = _(
    "Many forms have been sent from your address in a short time. Please try again later, "
    "or call us."
)


def public_form_submit(
    request,
    form: PublicForm,
    *,
    scope: str,
    save: Callable[[dict], None],
    limit: int = DEFAULT_LIMIT,
    window: int = DEFAULT_WINDOW_SECONDS,
    fields: dict[str, str] | None = None,
) -> int:
    """Take a posted public form: 0 when it was taken (or dropped as spam, which looks the
    same) and the view redirects to its thank-you page; else the status to show the form
    again with its errors and what was typed (400, or 429 past the rate limit).

    `save(cleaned_data)` calls the service; its ApplicationError lands on the form (`fields`
    maps the service's field names to the form's, as for `form_add_error`). Only
    forms that would be saved count towards the limit, so a visitor's typing mistakes do not.
    """
    if not form.is_valid():
        return 400
    if rate_limit_exceeded(request, scope=scope, limit=limit, window=window):
        form.add_error(None, RATE_LIMITED_MESSAGE)
        return 429
    if form.is_spam():
        return 0
    try:
        save(form.cleaned_data)
    except ApplicationError as error:
        form_add_error(form, error, fields=fields)
        return 400
    return 0
