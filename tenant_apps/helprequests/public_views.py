"""The centre's public form for asking for help (no sign-in), and its thank-you page.

The thank-you page is the same for everyone and shows nothing that was sent."""

from __future__ import annotations

from django.shortcuts import redirect, render
from django.utils import translation
from django.views.decorators.http import require_http_methods

from shared_apps.accounts.access import public
from tenant_apps.helprequests import services
from tenant_apps.helprequests.forms import PublicHelpRequestForm
from toolkit.publicforms import public_form_submit


@public
@require_http_methods(["GET", "POST"])
def help_request_ask(request):
    """Ask for help: what kind, a few words, how to reach you, consents."""
    form = PublicHelpRequestForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = public_form_submit(
            request,
            form,
            scope="help_request_ask",
            save=lambda _data: services.help_request_submit_public(
                **form.service_arguments(), language=translation.get_language()
            ),
            fields={"consents": "consent_registration"},
        )
        if status == 0:
            return redirect("ask:thanks")
    return render(request, "helprequests/public/ask.html", {"form": form}, status=status)


@public
def help_request_ask_thanks(request):
    """Thank you: what happens next (nothing of what was sent)."""
    return render(request, "helprequests/public/ask_thanks.html")
