from django.urls import path

from tenant_apps.associations import views

app_name = "associations"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("<int:association_id>/", views.detail, name="detail"),
    path("register/", views.register, name="register"),
    path("register/thanks/", views.registered, name="registered"),
    path("staff/", views.staff_list, name="staff_list"),
    path("staff/new/", views.staff_new, name="staff_new"),
    path("staff/<int:association_id>/", views.staff_detail, name="staff_detail"),
    path("staff/<int:association_id>/decide/", views.staff_decide, name="staff_decide"),
    path(
        "staff/<int:association_id>/membership/",
        views.staff_membership,
        name="staff_membership",
    ),
    path(
        "staff/<int:association_id>/contacts/",
        views.staff_contact_invite,
        name="staff_contact_invite",
    ),
    path(
        "staff/<int:association_id>/contacts/<int:contact_id>/remove/",
        views.staff_contact_remove,
        name="staff_contact_remove",
    ),
    path("mine/", views.mine, name="mine"),
    path("mine/<int:association_id>/", views.mine_edit, name="mine_edit"),
]
