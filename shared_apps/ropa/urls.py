from django.urls import path

from shared_apps.ropa import views

app_name = "ropa"
urlpatterns = [
    path("", views.template, name="template"),
    path("<slug:slug>/start/", views.start, name="start"),
    path("<slug:slug>/new/", views.entry_create, name="entry_create"),
    path("entries/<int:entry_id>/", views.entry_edit, name="entry_edit"),
    path("entries/<int:entry_id>/delete/", views.entry_delete, name="entry_delete"),
]
