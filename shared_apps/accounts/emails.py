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
