"""E-mails of the association directory, in the centre's language, with only this
centre's data."""

from __future__ import annotations

from django.urls import reverse

from tenant_apps.associations.models import Association
from tenants.current import centre_base_url, current_centre
from toolkit.emails import send_templated_email


def registration_received_send(association_id: int) -> None:
    """Tell an association that its registration arrived and waits for the staff."""
    association = Association.objects.filter(pk=association_id).first()
    if association is None or not association.email:
        return
    centre = current_centre()
    send_templated_email(
        to=association.email,
        template_prefix="associations/emails/registration_received",
        context={
            "centre_name": centre.name,
            "association": association,
            "link": centre_base_url(centre) + reverse("associations:directory"),
        },
        language=centre.federation.default_language,
    )
