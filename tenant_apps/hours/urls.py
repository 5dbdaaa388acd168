from django.urls import path

from tenant_apps.hours import views

app_name = "hours"
urlpatterns = [
    path("", views.hours_list, name="list"),
    path("log/", views.hours_log, name="log"),
    path("<int:entry_id>/edit/", views.hours_edit, name="edit"),
    path("<int:entry_id>/delete/", views.hours_delete, name="delete"),
    path("decide/", views.hours_decide, name="decide"),
    path("session/<int:session_id>/", views.session_hours, name="session"),
    path("totals/", views.hours_totals_page, name="totals"),
    path("export/", views.hours_export, name="export"),
]
