"""E-mail in the reader's language: one template trio per message, rendered and sent once.

Every message is `<prefix>_subject.txt`, `<prefix>_email.txt` and `<prefix>_email.html`,
rendered with the recipient's language active, so dates, numbers and words are theirs.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation


def send_templated_email(*, to: str, template_prefix: str, context: dict, language: str) -> None:
    """Send the three templates of `template_prefix` to one person, rendered in `language`."""
    with translation.override(language):
        subject = render_to_string(f"{template_prefix}_subject.txt", context)
        text = render_to_string(f"{template_prefix}_email.txt", context)
        html = render_to_string(f"{template_prefix}_email.html", context)
    message = EmailMultiAlternatives(
        " ".join(subject.split()), text, settings.DEFAULT_FROM_EMAIL, [to]
    )
    message.attach_alternative(html, "text/html")
    message.send()
