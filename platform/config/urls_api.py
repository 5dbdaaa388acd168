"""The centre REST API, /api/v1/ on a centre's host.

Every view sets `access_policy`; a token is valid on the centre it was made for only.
"""

from django.urls import include, path

from config import api_docs
from tenant_apps.activities.api import ActivityCategoryListApi
from tenant_apps.staff.api import MeApi, MemberListApi

app_name = "api"
urlpatterns = [
    path("me/", MeApi.as_view(), name="me"),
    path("activity-categories/", ActivityCategoryListApi.as_view(), name="activity-categories"),
    path("members/", MemberListApi.as_view(), name="members"),
    # Each centre-operations app adds its endpoints in its own api_urls.py.
    path("", include("tenant_apps.people.api_urls")),
    path("", include("tenant_apps.helprequests.api_urls")),
    path("", include("tenant_apps.activities.api_urls")),
    path("", include("tenant_apps.hours.api_urls")),
    # The API as a whole: its schema and documentation.
    *api_docs.urlpatterns,
]
