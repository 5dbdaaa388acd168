"""Public pages of the help request app on the centre's host: asking for help."""

from django.urls import path

from tenant_apps.helprequests import public_views

app_name = "ask"
urlpatterns = [
    path("", public_views.help_request_ask, name="form"),
    path("thanks/", public_views.help_request_ask_thanks, name="thanks"),
]
