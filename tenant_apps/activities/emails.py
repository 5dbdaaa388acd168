"""E-mails to volunteers about their shifts, each in the volunteer's language and holding
only their own centre's data."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from shared_apps.accounts import facade
from tenant_apps.activities.models import SessionSignup, ShiftSignup
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


def _signup_context(signup: SessionSignup, centre: Centre) -> dict:
    session = signup.session
    return {
        "centre_name": centre.name,
        "name": signup.name,
        "activity": session.activity,
        "session": session,
        "is_confirmed": signup.status == SessionSignup.Status.CONFIRMED,
    }


def _signup(signup_id: int, **filters) -> SessionSignup | None:
    return (
        SessionSignup.objects.select_related("session__activity")
        .filter(pk=signup_id, **filters)
        .first()
    )


def signup_received_email_send(signup_id: int) -> None:
    """Confirm a sign-up from the public site to the address given: a place, or a place on
    the waiting list."""
    signup = _signup(signup_id)
    if signup is None or not signup.email:  # erased (GDPR): no one to write to
        return
    centre = current_centre()
    send_templated_email(
        to=signup.email,
        template_prefix="activities/emails/signup_received",
        context=_signup_context(signup, centre),
        language=_signup_language(signup, centre),
    )


def signup_moved_up_email_send(signup_id: int) -> None:
    """Tell someone signed up from the public site that they moved up and have a place."""
    signup = _signup(signup_id, status=SessionSignup.Status.CONFIRMED)
    if signup is None or not signup.email:  # erased (GDPR): no one to write to
        return
    centre = current_centre()
    send_templated_email(
        to=signup.email,
        template_prefix="activities/emails/signup_moved_up",
        context=_signup_context(signup, centre),
        language=_signup_language(signup, centre),
    )


def _signup_language(signup: SessionSignup, centre: Centre) -> str:
    if signup.language in SUPPORTED_LANGUAGES:
        return signup.language
    return centre.federation.default_language
