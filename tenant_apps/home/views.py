from django.shortcuts import render

from shared_apps.accounts.access import public
from tenant_apps.activities.selectors import activity_categories


@public
def home(request):
    """The centre's front page."""
    return render(request, "home/home.html", {"categories": activity_categories()})
