from django.urls import path

from tenant_apps.home import staff_views as views

app_name = "sitestaff"
urlpatterns = [
    path("", views.site_overview, name="overview"),
    path("profile/", views.profile_edit, name="profile"),
    path("opening-hours/", views.opening_hours, name="opening_hours"),
    path(
        "opening-hours/<int:hours_id>/delete/",
        views.opening_hours_delete,
        name="opening_hours_delete",
    ),
    path(
        "opening-hours/exceptions/<int:exception_id>/delete/",
        views.opening_exception_delete,
        name="opening_exception_delete",
    ),
    path("settings/", views.settings_edit, name="settings"),
    path("posts/", views.post_list, name="posts"),
    path("posts/new/<str:kind>/", views.post_create, name="post_create"),
    path("posts/<int:post_id>/", views.post_edit, name="post_edit"),
    path("posts/<int:post_id>/publish/", views.post_publish, name="post_publish"),
    path("posts/<int:post_id>/unpublish/", views.post_unpublish, name="post_unpublish"),
    path("posts/<int:post_id>/delete/", views.post_delete, name="post_delete"),
]
