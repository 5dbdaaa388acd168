"""The centre's annual report pages (included at /annual-report/)."""

from django.urls import path

from tenant_apps.annualreport import views

app_name = "annualreport"
urlpatterns = [
    path("", views.report_list, name="list"),
    path("<int:year>/", views.report_detail, name="detail"),
    path("<int:year>/submit/", views.report_submit, name="submit"),
    path("<int:year>/reopen/", views.report_reopen, name="reopen"),
    path("<int:year>/pdf/", views.report_pdf, name="pdf"),
]
