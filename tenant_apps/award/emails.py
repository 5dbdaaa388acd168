"""E-mails of the award: the confirmation to the person who sent a nomination, only to the
address they gave, in the language they used."""

from __future__ import annotations

from django.conf import settings

from tenant_apps.award.models import Nomination
from tenants.current import current_centre
from toolkit.emails import send_templated_email

SUPPORTED_LANGUAGES = frozenset(code for code, _name in settings.LANGUAGES)


def nomination_received_email_send(nomination_id: int) -> None:
    """Thank the nominator and say what happens next."""
    nomination = Nomination.objects.select_related("award_round").filter(pk=nomination_id).first()
    if nomination is None:
        return
    centre = current_centre()
    language = nomination.language
    if language not in SUPPORTED_LANGUAGES:
        language = centre.federation.default_language
    send_templated_email(
        to=nomination.nominator_email,
        template_prefix="award/emails/nomination_received",
        context={
            "centre_name": centre.name,
            "name": nomination.nominator_name,
            "award_title": nomination.award_round.title,
        },
        language=language,
    )
