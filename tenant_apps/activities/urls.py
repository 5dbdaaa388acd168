from django.urls import path

from tenant_apps.activities import views

app_name = "activities"
urlpatterns = [
    path("", views.activity_list, name="list"),
    path("new/", views.activity_create, name="create"),
    path("<int:activity_id>/", views.activity_detail, name="detail"),
    path("<int:activity_id>/edit/", views.activity_edit, name="edit"),
    path("<int:activity_id>/sessions/plan/", views.activity_generate, name="generate"),
    path(
        "<int:activity_id>/calendar-address/",
        views.activity_calendar_reset,
        name="activity_calendar_reset",
    ),
    path("sessions/<int:session_id>/", views.session_detail, name="session"),
    path("sessions/<int:session_id>/cancel/", views.session_cancel, name="session_cancel"),
    path("sessions/<int:session_id>/restore/", views.session_restore, name="session_restore"),
    path("sessions/<int:session_id>/move/", views.session_move, name="session_move"),
    path(
        "sessions/<int:session_id>/attendance/",
        views.session_attendance,
        name="session_attendance",
    ),
    path(
        "sessions/<int:session_id>/sign-ups.export",
        views.session_signups_export,
        name="session_signups_export",
    ),
    path(
        "sign-ups/<int:signup_id>/remove/",
        views.session_signup_withdraw,
        name="session_signup_withdraw",
    ),
    path("sessions/<int:session_id>/shifts/new/", views.shift_create, name="shift_create"),
    path(
        "sessions/<int:session_id>/shifts/copy-forward/",
        views.shifts_copy_forward,
        name="shifts_copy_forward",
    ),
    path("sessions/<int:session_id>/assign/", views.session_assign, name="session_assign"),
    path("shifts/open/", views.open_shifts, name="open_shifts"),
    path("shifts/<int:shift_id>/edit/", views.shift_edit, name="shift_edit"),
    path("shifts/<int:shift_id>/delete/", views.shift_delete, name="shift_delete"),
    path("shifts/<int:shift_id>/sign-up/", views.shift_sign_up, name="shift_sign_up"),
    path("shifts/<int:shift_id>/withdraw/", views.shift_withdraw, name="shift_withdraw"),
    path("mine/", views.my_shifts, name="my_shifts"),
    path("calendar/", views.my_calendar, name="my_calendar"),
    path("calendar/volunteer/<str:token>.ics", views.volunteer_feed, name="volunteer_feed"),
    path("calendar/activity/<str:token>.ics", views.activity_feed, name="activity_feed"),
]
