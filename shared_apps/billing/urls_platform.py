"""Billing on the platform host, at /billing/ (operators, federation admins, Stripe)."""

from django.urls import path

from shared_apps.billing import views

app_name = "billing"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("plans/", views.plan_create, name="plan_create"),
    path("payer/", views.payer_set, name="payer_set"),
    path("subscribe/", views.federation_subscribe, name="federation_subscribe"),
    path("portal/", views.federation_portal, name="federation_portal"),
    path("webhook/", views.webhook, name="webhook"),
]
