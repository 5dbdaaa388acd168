"""The federation's experience network pages, on the platform host at /networks/."""

from django.urls import path

from shared_apps.networks import views

app_name = "networks"
urlpatterns = [
    path("", views.network_list, name="list"),
    path("new/", views.network_create, name="create"),
    path("<int:network_id>/", views.network_detail, name="detail"),
    path("<int:network_id>/edit/", views.network_edit, name="edit"),
    path("<int:network_id>/close/", views.network_close, name="close"),
    path("<int:network_id>/reopen/", views.network_reopen, name="reopen"),
    path("<int:network_id>/members/add/", views.member_add, name="member_add"),
    path(
        "<int:network_id>/members/<int:centre_id>/remove/",
        views.member_remove,
        name="member_remove",
    ),
    path("<int:network_id>/posts/", views.post_create, name="post_create"),
    path("<int:network_id>/notes/", views.note_create, name="note_create"),
    path("<int:network_id>/files/", views.file_upload, name="file_upload"),
    path("<int:network_id>/files/<int:file_id>/", views.file_download, name="file_download"),
    path("<int:network_id>/files/<int:file_id>/delete/", views.file_delete, name="file_delete"),
    path("<int:network_id>/report/", views.report, name="report"),
    path("<int:network_id>/report.csv", views.report_csv, name="report_csv"),
]
