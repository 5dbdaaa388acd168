from django.urls import path

from tenant_apps.events import views

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="list"),
    path("<int:event_id>/", views.detail, name="detail"),
    path("<int:event_id>/thanks/", views.registered, name="registered"),
    path("staff/", views.staff_list, name="staff_list"),
    path("staff/new/", views.staff_new, name="staff_new"),
    path("staff/<int:event_id>/", views.staff_detail, name="staff_detail"),
    path("staff/<int:event_id>/stands/", views.staff_stands, name="staff_stands"),
    path(
        "staff/<int:event_id>/registrations/<int:registration_id>/remove/",
        views.staff_registration_remove,
        name="staff_registration_remove",
    ),
    path(
        "staff/<int:event_id>/registrations.csv",
        views.staff_export,
        {"file_format": "csv"},
        name="staff_export_csv",
    ),
    path(
        "staff/<int:event_id>/registrations.xlsx",
        views.staff_export,
        {"file_format": "xlsx"},
        name="staff_export_xlsx",
    ),
]
