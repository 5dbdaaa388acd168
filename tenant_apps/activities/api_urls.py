"""The activities' API endpoints, included under /api/v1/ in namespace "api"."""

from django.urls import path

from tenant_apps.activities import api

urlpatterns = [
    path("activities/", api.ActivityListApi.as_view(), name="activities"),
    path("activities/<int:activity_id>/", api.ActivityDetailApi.as_view(), name="activity"),
    path("sessions/", api.SessionListApi.as_view(), name="sessions"),
    path("shifts/<int:shift_id>/sign-up/", api.ShiftSignUpApi.as_view(), name="shift-sign-up"),
    path("shifts/<int:shift_id>/withdraw/", api.ShiftWithdrawApi.as_view(), name="shift-withdraw"),
    path("attendance/", api.AttendanceApi.as_view(), name="attendance"),
]
