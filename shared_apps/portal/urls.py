"""Federation, municipality and operator pages on the platform host (included at "")."""

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
    path("operator/appointments/", views.operator_appointments, name="operator_appointments"),
    path(
        "operator/appointments/<int:invitation_id>/",
        views.operator_appointment,
        name="operator_appointment",
    ),
    path("municipality/", views.municipality_home, name="municipality_home"),
    path(
        "municipality/centres/<slug:slug>/",
        views.municipality_centre,
        name="municipality_centre",
    ),
]
