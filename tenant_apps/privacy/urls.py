from django.urls import path

from tenant_apps.privacy import views

app_name = "privacy"
urlpatterns = [
    path("me/", views.me, name="me"),
    path("me/export/", views.me_export, name="me_export"),
    path("me/erase/", views.me_erase, name="me_erase"),
    path(
        "volunteers/<int:volunteer_id>/export/",
        views.volunteer_export,
        name="volunteer_export",
    ),
    path("volunteers/<int:volunteer_id>/erase/", views.volunteer_erase, name="volunteer_erase"),
    path(
        "participants/<int:participant_id>/export/",
        views.participant_export,
        name="participant_export",
    ),
    path(
        "participants/<int:participant_id>/erase/",
        views.participant_erase,
        name="participant_erase",
    ),
    path("contacts/", views.contacts, name="contacts"),
    path("contacts/export/", views.contact_export, name="contact_export"),
    path("contacts/erase/", views.contact_erase, name="contact_erase"),
    path("retention/", views.retention, name="retention"),
    path("retention/apply/", views.retention_apply, name="retention_apply"),
    path("processing/", views.processing_list, name="processing"),
    path("processing/new/", views.processing_create, name="processing_create"),
    path("processing/<int:activity_id>/", views.processing_edit, name="processing_edit"),
    path(
        "processing/<int:activity_id>/delete/",
        views.processing_delete,
        name="processing_delete",
    ),
]
