"""E-mail in the reader's language: one template trio per message, rendered and sent once.

Every message is `<prefix>_subject.txt`, `<prefix>_email.txt` and `<prefix>_email.html`,
rendered with the recipient's language active, so dates, numbers and words are theirs.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import connection, transaction
from django.template.loader import render_to_string
from django.utils import translation
from django_tenants.utils import schema_context


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


def after_commit_in_this_schema(work: Callable[[], None]) -> None:
    """Run `work` (e.g. sending a confirmation) once the transaction commits, inside the
    schema the connection is in now: whoever runs the callbacks may have left the centre's
    schema by then (a test capturing them after the request; the request's own end)."""
    schema = connection.schema_name

    def run() -> None:
        with schema_context(schema):
            work()

    transaction.on_commit(run)
