"""The activity pages: activities, sessions, shifts and sign-ups, attendance, calendars.

Every member sees the public, running activities and signs up for shifts; coordinators and
managers run everything. Volunteers see how full a shift is, never who else signed up.
"""

from tenant_apps.activities.views.activities import (
    activity_calendar_reset,
    activity_create,
    activity_detail,
    activity_edit,
    activity_generate,
    activity_list,
)
from tenant_apps.activities.views.personal import (
    activity_feed,
    my_calendar,
    my_shifts,
    open_shifts,
    volunteer_feed,
)
from tenant_apps.activities.views.sessions import (
    session_attendance,
    session_cancel,
    session_detail,
    session_move,
    session_restore,
    session_signup_withdraw,
    session_signups_export,
)
from tenant_apps.activities.views.shifts import (
    session_assign,
    shift_create,
    shift_delete,
    shift_edit,
    shift_sign_up,
    shift_withdraw,
    shifts_copy_forward,
)

__all__ = [
    "activity_calendar_reset",
    "activity_create",
    "activity_detail",
    "activity_edit",
    "activity_feed",
    "activity_generate",
    "activity_list",
    "is_staff",
    "my_calendar",
    "my_shifts",
    "open_shifts",
    "session_assign",
    "session_attendance",
    "session_cancel",
    "session_detail",
    "session_move",
    "session_restore",
    "session_signup_withdraw",
    "session_signups_export",
    "shift_create",
    "shift_delete",
    "shift_edit",
    "shift_sign_up",
    "shift_withdraw",
    "shifts_copy_forward",
    "volunteer_feed",
]
