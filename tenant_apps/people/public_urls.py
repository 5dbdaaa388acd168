"""Public pages of the people app on the centre's host: offering to volunteer."""

from django.urls import path

from tenant_apps.people.views import public

app_name = "join"
urlpatterns = [
    path("", public.volunteer_apply, name="apply"),
    path("thanks/", public.volunteer_apply_thanks, name="thanks"),
]
