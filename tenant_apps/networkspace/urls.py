"""A centre's experience networks, on the centre's host at /networks/."""

from django.urls import path

from tenant_apps.networkspace import views

app_name = "networkspace"
urlpatterns = [
    path("", views.network_list, name="list"),
    path("<int:network_id>/", views.network_detail, name="detail"),
    path("<int:network_id>/posts/", views.post_create, name="post_create"),
    path("<int:network_id>/notes/", views.note_create, name="note_create"),
    path("<int:network_id>/files/", views.file_upload, name="file_upload"),
    path("<int:network_id>/files/<int:file_id>/", views.file_download, name="file_download"),
    path("<int:network_id>/files/<int:file_id>/delete/", views.file_delete, name="file_delete"),
]
