"""Only the hours API and the schema views: what `spectacular --fail-on-warn` checks for this
app, whatever the state of the other apps' endpoints."""

from django.urls import include, path

from config import api_docs
from tenant_apps.hours import api_urls

urlpatterns = [
    path("api/v1/", include(([*api_urls.urlpatterns, *api_docs.urlpatterns], "api"))),
]
