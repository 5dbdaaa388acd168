"""E-mails to volunteers about their shifts, each in the volunteer's language and holding
only their own centre's data."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from shared_apps.accounts import facade
from tenant_apps.activities.models import ShiftSignup
from tenants.current import centre_base_url, current_centre
from tenants.models import Centre
from toolkit.emails import send_templated_email

SUPPORTED_LANGUAGES = frozenset(code for code, _name in settings.LANGUAGES)


def volunteer_language(volunteer, centre: Centre) -> str:
    """The language chosen on the volunteer's account; else the centre's language if they
    speak it; else another language of ours they speak; else the centre's language."""
    default = centre.federation.default_language
    if volunteer.account_user_id:
        account = facade.centre_account(centre_id=centre.pk, user_id=volunteer.account_user_id)
        if account is not None and account.preferred_language in SUPPORTED_LANGUAGES:
            return account.preferred_language
    spoken = [code for code in volunteer.languages if code in SUPPORTED_LANGUAGES]
    if default in spoken or not spoken:
        return default
    return spoken[0]


def _context(signup: ShiftSignup, centre: Centre) -> dict:
    # Dates and times as the centre's notice board shows them (the session's local values).
    session = signup.shift.session
    return {
        "centre_name": centre.name,
        "volunteer_name": signup.volunteer.first_name,
        "activity": session.activity,
        "shift": signup.shift,
        "session": session,
        "link": centre_base_url(centre) + reverse("activities:session", args=[session.pk]),
        "my_shifts_link": centre_base_url(centre) + reverse("activities:my_shifts"),
    }


def moved_up_email_send(signup_id: int) -> None:
    """Tell a volunteer that they moved up from the waiting list and have a place."""
    signup = (
        ShiftSignup.objects.select_related("shift__session__activity", "volunteer")
        .filter(pk=signup_id, status=ShiftSignup.Status.CONFIRMED)
        .first()
    )
    if signup is None or not signup.volunteer.email:
        return
    centre = current_centre()
    send_templated_email(
        to=signup.volunteer.email,
        template_prefix="activities/emails/moved_up",
        context=_context(signup, centre),
        language=volunteer_language(signup.volunteer, centre),
    )


def reminder_email_send(*, signup: ShiftSignup, centre: Centre) -> None:
    """Remind a volunteer of a shift that starts soon."""
    send_templated_email(
        to=signup.volunteer.email,
        template_prefix="activities/emails/reminder",
        context=_context(signup, centre),
        language=volunteer_language(signup.volunteer, centre),
    )
