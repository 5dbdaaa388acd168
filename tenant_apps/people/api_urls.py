from django.urls import path

from tenant_apps.people.api import (
    OwnVolunteerApi,
    ParticipantDetailApi,
    ParticipantListApi,
    VolunteerDetailApi,
    VolunteerListApi,
)

urlpatterns = [
    path("volunteers/", VolunteerListApi.as_view(), name="volunteers"),
    path("volunteers/<int:volunteer_id>/", VolunteerDetailApi.as_view(), name="volunteer-detail"),
    path("participants/", ParticipantListApi.as_view(), name="participants"),
    path(
        "participants/<int:participant_id>/",
        ParticipantDetailApi.as_view(),
        name="participant-detail",
    ),
    path("me/volunteer/", OwnVolunteerApi.as_view(), name="me-volunteer"),
]
