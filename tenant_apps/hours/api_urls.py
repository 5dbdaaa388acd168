from django.urls import path

from tenant_apps.hours import api

urlpatterns = [
    path("hours/", api.HoursEntryListApi.as_view(), name="hours"),
    path("hours/totals/", api.HoursTotalsApi.as_view(), name="hours-totals"),
    path("hours/<int:pk>/approve/", api.HoursApproveApi.as_view(), name="hours-approve"),
    path("hours/<int:pk>/reject/", api.HoursRejectApi.as_view(), name="hours-reject"),
]
