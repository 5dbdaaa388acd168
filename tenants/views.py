from django.shortcuts import render

from shared_apps.accounts.access import public
from tenants.selectors import federations_with_centres


@public
def landing(request):
    """The platform host's front page: every federation and its centres."""
    return render(request, "tenants/landing.html", {"federations": federations_with_centres()})
