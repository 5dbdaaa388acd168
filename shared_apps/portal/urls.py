"""Federation and municipality pages on the platform host (included at "")."""

from django.urls import path

from shared_apps.portal import views

app_name = "portal"
urlpatterns = [
    path("federation/", views.federation_home, name="federation_home"),
    path(
        "federation/invitations/centre-admin/",
        views.invite_centre_admin,
        name="invite_centre_admin",
    ),
    path(
        "federation/invitations/municipality-viewer/",
        views.invite_municipality_viewer,
        name="invite_municipality_viewer",
    ),
    path("municipality/", views.municipality_home, name="municipality_home"),
    path(
        "municipality/centres/<slug:slug>/",
        views.municipality_centre,
        name="municipality_centre",
    ),
]
