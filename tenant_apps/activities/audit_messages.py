"""How the audit log reads the activities app's events (discovered by tenant_apps.audit)."""

from django.utils.translation import gettext_lazy as _

from tenant_apps.activities.models import SessionSignup, ShiftSignup
from tenant_apps.audit.messages import as_date, register_message, register_subject

# The activity's and the shift's names are kept as they were: they are the centre's own
# words, the same in every language.
register_message(
    "volunteer.shift_signed_up",
    _("Signed up for %(shift_name)s, %(activity_name)s on %(date)s: %(status)s"),
    formats={"date": as_date, "status": dict(ShiftSignup.Status.choices)},
)
register_message(
    "volunteer.shift_withdrawn",
    _("Taken off %(shift_name)s, %(activity_name)s on %(date)s"),
    formats={"date": as_date},
)
register_message(
    "session_signup.withdrawn",
    _("Sign-up taken off %(activity_name)s on %(date)s (%(status)s)"),
    formats={"date": as_date, "status": dict(SessionSignup.Status.choices)},
)
register_message(
    "session_signup.exported",
    _("Downloaded the %(count)s sign-ups of %(activity_name)s on %(date)s"),
    formats={"date": as_date},
)
register_subject("session_signup", _("Sign-up for a session"), deleted=_("removed sign-up"))
