"""The help request endpoints, included under /api/v1/ in namespace "api"."""

from django.urls import path

from tenant_apps.helprequests import api

urlpatterns = [
    path("help-requests/", api.HelpRequestListApi.as_view(), name="help-requests"),
    path(
        "help-requests/<int:help_request_id>/",
        api.HelpRequestDetailApi.as_view(),
        name="help-request",
    ),
    path(
        "help-requests/<int:help_request_id>/status/",
        api.HelpRequestStatusApi.as_view(),
        name="help-request-status",
    ),
    path(
        "help-requests/<int:help_request_id>/reopen/",
        api.HelpRequestReopenApi.as_view(),
        name="help-request-reopen",
    ),
    path(
        "help-requests/<int:help_request_id>/suggestions/",
        api.HelpRequestSuggestionsApi.as_view(),
        name="help-request-suggestions",
    ),
    path(
        "help-requests/<int:help_request_id>/assign/",
        api.HelpRequestAssignApi.as_view(),
        name="help-request-assign",
    ),
    path("request-types/", api.RequestTypeListApi.as_view(), name="request-types"),
    path(
        "request-types/<int:request_type_id>/",
        api.RequestTypeDetailApi.as_view(),
        name="request-type",
    ),
]
