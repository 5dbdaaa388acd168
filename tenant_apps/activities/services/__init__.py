"""Every write to the centre's activities, one module per subject; import from here."""

from tenant_apps.activities.services.activities import (
    ACTIVITY_FIELDS,
    activity_category_create,
    activity_create,
    activity_update,
    session_cancel,
    session_move,
    session_restore,
    sessions_generate,
)
from tenant_apps.activities.services.attendance import AttendanceRow, attendance_record
from tenant_apps.activities.services.calendars import (
    activity_calendar_token,
    volunteer_calendar_token,
)
from tenant_apps.activities.services.planning import (
    PlannedActivity,
    activity_create_with_plan,
)
from tenant_apps.activities.services.reminders import shift_reminders_send
from tenant_apps.activities.services.shifts import (
    shift_create,
    shift_delete,
    shift_sign_up,
    shift_update,
    shift_withdraw,
    shifts_copy_forward,
)
from tenant_apps.activities.services.signups import (
    session_sign_up_public,
    session_signup_withdraw,
    session_signups_exported,
)

__all__ = [
    "ACTIVITY_FIELDS",
    "AttendanceRow",
    "PlannedActivity",
    "activity_calendar_token",
    "activity_category_create",
    "activity_create",
    "activity_create_with_plan",
    "activity_update",
    "attendance_record",
    "session_cancel",
    "session_move",
    "session_restore",
    "session_sign_up_public",
    "session_signup_withdraw",
    "session_signups_exported",
    "sessions_generate",
    "shift_create",
    "shift_delete",
    "shift_reminders_send",
    "shift_sign_up",
    "shift_update",
    "shift_withdraw",
    "shifts_copy_forward",
    "volunteer_calendar_token",
]
