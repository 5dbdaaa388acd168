"""The centre's public form for offering to volunteer (no sign-in), and its thank-you page.

The thank-you page is the same for everyone and shows nothing that was sent."""

from __future__ import annotations

from django.shortcuts import redirect, render
from django.utils import translation
from django.views.decorators.http import require_http_methods

from shared_apps.accounts.access import public
from tenant_apps.people import services
from tenant_apps.people.forms import VolunteerApplicationForm
from toolkit.publicforms import public_form_submit


@public
@require_http_methods(["GET", "POST"])
def volunteer_apply(request):
    """Offer to volunteer: name, contact, what you would like to do, consents."""
    form = VolunteerApplicationForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = public_form_submit(
            request,
            form,
            scope="volunteer_apply",
            fields={"consents": "consent_registration"},
            save=lambda _data: services.volunteer_apply(
                **form.service_arguments(), language=translation.get_language()
            ),
        )
        if status == 0:
            return redirect("join:thanks")
    return render(request, "people/public/apply.html", {"form": form}, status=status)


@public
def volunteer_apply_thanks(request):
    """Thank you: what happens next (nothing of what was sent)."""
    return render(request, "people/public/apply_thanks.html")
