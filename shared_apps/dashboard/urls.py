"""The federation dashboard, on the platform host at /federation/statistics/."""

from django.urls import path

from shared_apps.dashboard import views

app_name = "dashboard"
urlpatterns = [
    path("", views.home, name="home"),
    path("regions/", views.regions, name="regions"),
    path("regions/municipalities/", views.municipalities, name="municipalities"),
    path("regions/centres/", views.centres, name="centres"),
    path("ownership-forms/", views.ownership_forms, name="ownership_forms"),
    path("categories/", views.categories, name="categories"),
    path("groups/", views.groups, name="groups"),
    path("comparison/", views.comparison, name="comparison"),
    path("hour-value/", views.hour_value, name="hour_value"),
    path("export/<slug:table>/<slug:file_format>/", views.export, name="export"),
]
