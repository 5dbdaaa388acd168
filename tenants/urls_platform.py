"""Lifecycle pages on the platform host, at /centres/ (operators and federation admins)."""

from django.urls import path

from tenants import views

app_name = "lifecycle"
urlpatterns = [
    path("", views.centre_list, name="centres"),
    path("<slug:slug>/", views.centre_detail, name="centre"),
]
