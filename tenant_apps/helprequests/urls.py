from django.urls import path

from tenant_apps.helprequests import views

app_name = "helprequests"
urlpatterns = [
    path("", views.help_request_list, name="list"),
    path("mine/", views.help_request_mine, name="mine"),
    path("new/", views.help_request_new, name="new"),
    path("types/", views.request_type_list, name="types"),
    path("types/<int:request_type_id>/", views.request_type_edit, name="type_edit"),
    path("<int:help_request_id>/", views.help_request_detail, name="detail"),
    path("<int:help_request_id>/edit/", views.help_request_edit, name="edit"),
    path("<int:help_request_id>/status/", views.help_request_status, name="status"),
    path("<int:help_request_id>/close/", views.help_request_close, name="close"),
    path("<int:help_request_id>/reopen/", views.help_request_reopen, name="reopen"),
    path("<int:help_request_id>/assign/", views.help_request_assign, name="assign"),
    path("<int:help_request_id>/notes/", views.note_add, name="note_add"),
    path(
        "<int:help_request_id>/assignments/<int:assignment_id>/end/",
        views.assignment_end,
        name="assignment_end",
    ),
]
