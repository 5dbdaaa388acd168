"""Annual reports on the platform host (included at /reports/)."""

from django.urls import path

from shared_apps.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.index, name="index"),
    path("federation/", views.federation_overview, name="federation"),
    path("municipality/", views.municipality_list, name="municipality"),
    path("centre/<slug:centre_slug>/<int:year>/", views.report_detail, name="report"),
    path("centre/<slug:centre_slug>/<int:year>/pdf/", views.report_pdf, name="report_pdf"),
]
