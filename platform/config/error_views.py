"""The error pages of both hosts (handler400/403/404/500 in both URLconfs): styled,
translated, with the host's menu where the person has one and a way back. Under /api/ they
answer JSON shaped like the API's own errors (`{"detail": ...}`), never a page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext as _
from django.views import defaults

from shared_apps.accounts.selectors import workspaces_for

# Shown if even the template fails (a broken template or settings): no tags, no database.
FALLBACK_500 = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8">'
    '<meta name="viewport" content="width=device-width, initial-scale=1">'
    "<title>Server error</title></head><body><header><p>Dugnad</p></header><main>"
    "<h1>Something went wrong</h1>"
    '<p lang="nb">Noe gikk galt hos oss. Prøv igjen om litt.</p>'
    '<p lang="da">Noget gik galt hos os. Prøv igen om lidt.</p>'
    "<p>Something went wrong on our side. Please try again in a moment.</p>"
    '<p><a href="/">Dugnad</a></p></main><footer><p>Dugnad</p></footer></body></html>'
)


API_PREFIX = "/api/"


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIX)


def bad_request(request: HttpRequest, exception=None) -> HttpResponse:
    """400 for a request Django refused before any view (e.g. a body above
    DATA_UPLOAD_MAX_MEMORY_SIZE read by a middleware)."""
    if _is_api(request):
        return JsonResponse({"detail": _("The request could not be read.")}, status=400)
    return defaults.bad_request(request, exception)


def permission_denied(request: HttpRequest, exception=None) -> HttpResponse:
    """403: says who is signed in and links to the places where the person has a role."""
    if _is_api(request):
        return JsonResponse({"detail": _("You do not have permission to do this.")}, status=403)
    user = getattr(request, "user", None)
    workspaces = (
        [w for w in workspaces_for(user=user, request=request) if not w.is_here]
        if user is not None and user.is_authenticated
        else []
    )
    return render(request, "403.html", {"workspaces": workspaces}, status=403)


def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    """404, with the host's menu for a signed-in person."""
    if _is_api(request):
        return JsonResponse({"detail": _("Not found.")}, status=404)
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """500 without the request's context processors: the database may be what failed."""
    if _is_api(request):
        # No translation either: it may be what failed. The error itself is logged.
        return JsonResponse({"detail": "Server error."}, status=500)
    try:
        html = loader.get_template("500.html").render({})
    except Exception:  # the error page itself must never fail
        html = FALLBACK_500
    return HttpResponseServerError(html)
