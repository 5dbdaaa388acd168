"""E-mails to people registered for an event, in the language they registered in and
holding only their own centre's data."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from tenant_apps.events.models import Registration
from tenants.current import centre_base_url, current_centre
from toolkit.emails import send_templated_email

SUPPORTED_LANGUAGES = frozenset(code for code, _name in settings.LANGUAGES)


def _send(registration: Registration, template: str) -> None:
    centre = current_centre()
    language = registration.language
    if language not in SUPPORTED_LANGUAGES:
        language = centre.federation.default_language
    send_templated_email(
        to=registration.email,
        template_prefix=f"events/emails/{template}",
        context={
            "centre_name": centre.name,
            "registration": registration,
            "event": registration.event,
            "link": centre_base_url(centre)
            + reverse("events:detail", args=[registration.event_id]),
        },
        language=language,
    )


def confirmation_send(registration_id: int) -> None:
    """Confirm a registration to the person who made it."""
    registration = (
        Registration.objects.select_related("event", "stand").filter(pk=registration_id).first()
    )
    if registration is not None and registration.email:
        _send(registration, "confirmation")


def reminder_send(registration: Registration) -> None:
    """Remind a registered person of an event that starts soon."""
    _send(registration, "reminder")
