"""E-mails that accounts sends, each in the language of the person who receives it."""

from __future__ import annotations

from shared_apps.accounts.models import Invitation
from toolkit.emails import send_templated_email


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


def appointment_waiting_email_send(*, invitation_id: int, link: str) -> None:
    """Tell every platform operator that a manager appointment waits for their decision
    (`link`: the page where they decide)."""
    from shared_apps.accounts.models import User

    invitation = Invitation.objects.select_related("centre", "invited_by").get(pk=invitation_id)
    inviter = invitation.invited_by
    for operator in User.objects.filter(is_active=True, is_staff=True).order_by("pk"):
        if inviter is not None and operator.pk == inviter.pk:
            continue  # who asked does not decide
        send_templated_email(
            to=operator.email,
            template_prefix="accounts/appointment_waiting",
            language=operator.preferred_language or "en",
            context={
                "centre_name": invitation.centre.name if invitation.centre else "",
                "email": invitation.email,
                "inviter_email": inviter.email if inviter else "",
                "link": link,
            },
        )
