"""A centre's own status page, at /centre/ on its host (its managers)."""

from django.urls import path

from tenants import views

app_name = "centre"
urlpatterns = [path("status/", views.centre_status, name="status")]
