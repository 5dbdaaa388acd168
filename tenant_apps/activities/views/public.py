"""The public sign-up pages of a centre's site (no sign-in): the activities open for sign-up
and the form for one session. Only counts of places are shown, never who signed up; the
thank-you page is the same for everyone."""

from __future__ import annotations

from itertools import groupby

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import translation
from django.views.decorators.http import require_http_methods

from shared_apps.accounts.access import public
from tenant_apps.activities import selectors, services
from tenant_apps.activities.forms import PublicSignupForm
from toolkit.publicforms import public_form_submit


@public
def signup_list(request):
    """Activities that take sign-ups, with their coming sessions and places left."""
    sessions = list(selectors.sessions_open_for_signup())
    activities = [
        {"activity": activity, "sessions": list(group)}
        for activity, group in groupby(
            sorted(sessions, key=lambda s: (s.activity.name, s.activity_id, s.date)),
            key=lambda s: s.activity,
        )
    ]
    return render(request, "activities/public/signup_list.html", {"activities": activities})


@public
@require_http_methods(["GET", "POST"])
def signup_form(request, session_id: int):
    """Sign up for one session: name, e-mail, phone, consent."""
    session = selectors.session_open_for_signup(session_id)
    if session is None:
        raise Http404
    form = PublicSignupForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = public_form_submit(
            request,
            form,
            scope="session_sign_up",
            save=lambda _data: services.session_sign_up_public(
                session=session, **form.service_arguments(), language=translation.get_language()
            ),
        )
        if status == 0:
            return redirect("signup:thanks")
    return render(
        request,
        "activities/public/signup_form.html",
        {"form": form, "session": session, "activity": session.activity},
        status=status,
    )


@public
def signup_thanks(request):
    """Thank you: the e-mail tells whether you have a place (nothing of what was sent)."""
    return render(request, "activities/public/signup_thanks.html")
