"""The centre URLconf with the API schema and docs wired as config.urls_api will have them
(`path("", include("tenant_apps.hours.api_docs"))` inside the "api" namespace)."""

from django.urls import include, path

from config import urls_api, urls_centre
from tenant_apps.hours import api_docs

urlpatterns = [
    *(pattern for pattern in urls_centre.urlpatterns if str(pattern.pattern) != "api/v1/"),
    path("api/v1/", include(([*urls_api.urlpatterns, *api_docs.urlpatterns], "api"))),
]
