"""E-mails of the people app: the confirmation to someone who offered to volunteer, sent to
the address they gave and to no one else, in the language they used on the form."""

from __future__ import annotations

from tenant_apps.people.models import Volunteer
from tenants.current import current_centre
from toolkit.emails import send_templated_email


def application_received_email_send(volunteer_id: int, *, language: str) -> None:
    """Tell the person who offered to volunteer that the centre has their offer."""
    volunteer = Volunteer.objects.filter(pk=volunteer_id).first()
    if volunteer is None or not volunteer.email:
        return
    send_templated_email(
        to=volunteer.email,
        template_prefix="people/emails/application_received",
        context={"centre_name": current_centre().name, "first_name": volunteer.first_name},
        language=language,
    )
