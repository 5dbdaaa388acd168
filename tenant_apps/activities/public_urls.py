"""Public pages of the activities app on the centre's host: signing up for a session."""

from django.urls import path

from tenant_apps.activities.views import public

app_name = "signup"
urlpatterns = [
    path("", public.signup_list, name="list"),
    path("thanks/", public.signup_thanks, name="thanks"),
    path("<int:session_id>/", public.signup_form, name="form"),
]
