"""Sessions belong to the host they were made on.

Cookies are host-only already (no SESSION_COOKIE_DOMAIN), so a browser never sends centre
A's cookie to centre B. This also covers a cookie copied by hand or by a script: a session
signed in on one host is treated as anonymous (and replaced) on every other host.
"""

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http.request import split_domain_port
from django.utils.module_loading import import_string

SESSION_HOST_KEY = "dugnad_host"


def request_host(request) -> str:
    hostname, _port = split_domain_port(request.get_host())
    return hostname.lower()


@receiver(user_logged_in, dispatch_uid="bind_session_to_host")
def bind_session_to_host(sender, request, user, **kwargs):
    """Remember which host this sign-in happened on."""
    if request is None or not hasattr(request, "session"):
        return
    try:
        request.session[SESSION_HOST_KEY] = request_host(request)
    except KeyError:  # a bare HttpRequest (Client.force_login) has no host
        return


class HostBoundSessionMiddleware:
    """After AuthenticationMiddleware: ignore a session that was signed in on another host."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        signed_in = SESSION_KEY in request.session
        if signed_in and request.session.get(SESSION_HOST_KEY) != request_host(request):
            store = import_string(settings.SESSION_ENGINE).SessionStore
            request.session = store()
            request.user = AnonymousUser()
        return self.get_response(request)
