"""A centre manager's billing page, at /centre/billing/ on the centre's host."""

from django.urls import path

from shared_apps.billing import views

app_name = "centre_billing"
urlpatterns = [
    path("", views.centre_overview, name="overview"),
    path("subscribe/", views.centre_subscribe, name="subscribe"),
    path("portal/", views.centre_portal, name="portal"),
]
