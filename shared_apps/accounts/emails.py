"""E-mails that accounts sends, each in the language of the person who receives it."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from shared_apps.accounts.models import Invitation


def send_templated_email(*, to: str, template_prefix: str, context: dict, language: str) -> None:
    """Send `<prefix>_subject.txt`, `<prefix>_email.txt` and `<prefix>_email.html` to one
    person, rendered in `language`."""
    with translation.override(language):
        subject = render_to_string(f"{template_prefix}_subject.txt", context)
        text = render_to_string(f"{template_prefix}_email.txt", context)
        html = render_to_string(f"{template_prefix}_email.html", context)
    message = EmailMultiAlternatives(
        " ".join(subject.split()), text, settings.DEFAULT_FROM_EMAIL, [to]
    )
    message.attach_alternative(html, "text/html")
    message.send()


def invitation_email_send(*, invitation_id: int, link: str) -> None:
    """Send the invitation with its link (the token is known only to this link)."""
    invitation = Invitation.objects.select_related(
        "centre", "federation", "municipality", "invited_by"
    ).get(pk=invitation_id)
    inviter = invitation.invited_by
    place = invitation.centre or invitation.federation or invitation.municipality
    send_templated_email(
        to=invitation.email,
        template_prefix="accounts/invitation",
        language=invitation.language,
        context={
            "invitation": invitation,
            "link": link,
            "place_name": place.name if place is not None else "",
            "inviter_name": (inviter.full_name or inviter.email) if inviter else "",
        },
    )
