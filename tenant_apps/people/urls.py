from django.urls import path

from tenant_apps.people.views import lists, me, participants, volunteers

app_name = "people"
urlpatterns = [
    path("volunteers/", volunteers.volunteer_list, name="volunteer_list"),
    path("volunteers/new/", volunteers.volunteer_create, name="volunteer_create"),
    path("volunteers/<int:volunteer_id>/", volunteers.volunteer_detail, name="volunteer_detail"),
    path("volunteers/<int:volunteer_id>/edit/", volunteers.volunteer_edit, name="volunteer_edit"),
    path(
        "volunteers/<int:volunteer_id>/status/",
        volunteers.volunteer_status,
        name="volunteer_status",
    ),
    path(
        "volunteers/<int:volunteer_id>/delete/",
        volunteers.volunteer_delete,
        name="volunteer_delete",
    ),
    path(
        "volunteers/<int:volunteer_id>/application/accept/",
        volunteers.volunteer_application_accept,
        name="volunteer_application_accept",
    ),
    path(
        "volunteers/<int:volunteer_id>/application/decline/",
        volunteers.volunteer_application_decline,
        name="volunteer_application_decline",
    ),
    path(
        "volunteers/<int:volunteer_id>/certificates/new/",
        volunteers.certificate_record,
        name="certificate_record",
    ),
    path(
        "volunteers/<int:volunteer_id>/declarations/new/",
        volunteers.declaration_sign,
        name="declaration_sign",
    ),
    path(
        "volunteers/<int:volunteer_id>/consents/",
        volunteers.volunteer_consents,
        name="volunteer_consents",
    ),
    path(
        "volunteers/<int:volunteer_id>/consents/<int:consent_id>/withdraw/",
        volunteers.volunteer_consent_withdraw,
        name="volunteer_consent_withdraw",
    ),
    path("participants/", participants.participant_list, name="participant_list"),
    path("participants/new/", participants.participant_create, name="participant_create"),
    path(
        "participants/<int:participant_id>/",
        participants.participant_detail,
        name="participant_detail",
    ),
    path(
        "participants/<int:participant_id>/edit/",
        participants.participant_edit,
        name="participant_edit",
    ),
    path(
        "participants/<int:participant_id>/consents/",
        participants.participant_consents,
        name="participant_consents",
    ),
    path(
        "participants/<int:participant_id>/consents/<int:consent_id>/withdraw/",
        participants.participant_consent_withdraw,
        name="participant_consent_withdraw",
    ),
    path("skills/", lists.skill_list, name="skill_list"),
    path("skills/<int:skill_id>/edit/", lists.skill_edit, name="skill_edit"),
    path("areas/", lists.area_list, name="area_list"),
    path("areas/<int:area_id>/edit/", lists.area_edit, name="area_edit"),
    path("me/", me.me, name="me"),
    path("me/consents/", me.me_consents, name="me_consents"),
    path(
        "me/consents/<int:consent_id>/withdraw/", me.me_consent_withdraw, name="me_consent_withdraw"
    ),
]
