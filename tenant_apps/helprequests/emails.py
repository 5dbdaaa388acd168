"""E-mails of the help request app: the confirmation to someone who asked for help on the
public form, sent only to the address they gave (which is not kept)."""

from __future__ import annotations

from tenants.current import current_centre
from toolkit.emails import send_templated_email


def help_request_received_email_send(*, to: str, context: dict, language: str) -> None:
    """Tell the person who asked for help that the centre has their request."""
    send_templated_email(
        to=to,
        template_prefix="helprequests/emails/request_received",
        context={**context, "centre_name": current_centre().name},
        language=language,
    )
