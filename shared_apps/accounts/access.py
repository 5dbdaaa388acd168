"""Who may use which view: declared on each view, decided here, for pages and API alike.

Every view states its policy with one of the decorators below (or, for a class-based view,
an `access_policy` attribute). `AccessPolicyMiddleware` enforces it for pages and
`RolePolicyPermission` for DRF views; both call `decide()`. A view without a policy is
refused (default deny). Rules that hold for every view, whatever it declares:

- a municipality viewer's session never writes: every unsafe method is refused on the
  platform host, except the session endpoints (sign out, language);
- roles come only from the host: a centre role counts on that centre's host only, and
  federation, municipality and operator roles on the platform host only;
- a role in TWO_FACTOR_ROLES must have passed two-factor authentication when
  settings.TWO_FACTOR_REQUIRED is on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import Enum
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from rest_framework.permissions import BasePermission

from shared_apps.accounts.roles import TWO_FACTOR_ROLES, Role, expand

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass(frozen=True)
class Policy:
    """Who may use a view. `roles` empty and `is_public` False means nobody."""

    roles: frozenset[str] = frozenset()
    is_public: bool = False
    # Sign-out and language: only touch the visitor's own session, so even read-only
    # accounts may POST to them.
    is_session_endpoint: bool = False
    # The two-factor pages themselves must be reachable before the second factor.
    before_two_factor: bool = False
    # Django admin: the admin site checks staff status and permissions itself.
    is_operator_admin: bool = False


class Verdict(Enum):
    ALLOW = "allow"
    SIGN_IN = "sign_in"
    TWO_FACTOR = "two_factor"
    DENY = "deny"


def _declare(policy: Policy) -> Callable:
    def decorate(view):
        view.access_policy = policy
        return view

    return decorate


def allow(*roles: str | Iterable[str]) -> Callable:
    """Let holders of these roles (or of roles that include them) use the view."""
    flat: set[str] = set()
    for role in roles:
        flat |= {role} if isinstance(role, str) else set(role)
    return _declare(Policy(roles=frozenset(flat)))


def public(view):
    """Anyone may use the view, signed in or not."""
    view.access_policy = Policy(is_public=True)
    return view


def session_endpoint(view):
    """Anyone may use the view; it changes only the visitor's own session or cookies."""
    view.access_policy = Policy(is_public=True, is_session_endpoint=True)
    return view


def before_two_factor(*roles: str) -> Callable:
    """Signed-in users on their way through two-factor authentication."""
    return _declare(Policy(roles=frozenset(roles), before_two_factor=True))


def policy_of(view) -> Policy | None:
    """The declared policy of a view function, class-based view or DRF view."""
    for candidate in (view, getattr(view, "view_class", None), getattr(view, "cls", None)):
        policy = getattr(candidate, "access_policy", None)
        if isinstance(policy, Policy):
            return policy
    return None


def may_open(request: HttpRequest, view) -> bool:
    """Whether the signed-in person may use `view` now (menus list only such pages)."""
    return decide(request, request.user, policy_of(view)) is Verdict.ALLOW


def roles_for(user, request: HttpRequest) -> frozenset[str]:
    """Every role the user holds on this request's host (with included roles)."""
    if user is None or not user.is_authenticated:
        return frozenset()
    cache = getattr(request, "_dugnad_roles", None)
    if cache is not None and cache[0] == user.pk:
        return cache[1]
    from shared_apps.accounts.models import (
        CentreMembership,
        FederationMembership,
        MunicipalityViewer,
    )

    centre = getattr(request, "centre", None)
    held: set[str] = set()
    if centre is not None:
        held |= set(
            CentreMembership.objects.filter(user=user, centre=centre).values_list("role", flat=True)
        )
    else:
        held |= set(FederationMembership.objects.filter(user=user).values_list("role", flat=True))
        if MunicipalityViewer.objects.filter(user=user).exists():
            held.add(Role.MUNICIPALITY_VIEWER)
        if user.is_staff:
            held.add(Role.PLATFORM_OPERATOR)
    roles = expand(held)
    request._dugnad_roles = (user.pk, roles)
    return roles


def _two_factor_passed(user) -> bool:
    is_verified = getattr(user, "is_verified", None)
    return bool(is_verified and is_verified())


def decide(request: HttpRequest, user, policy: Policy | None, *, by_token: bool = False) -> Verdict:
    """The one place that says whether `user` may use a view with `policy` now.

    `by_token`: the user came with an API token, made in a session that had passed two-factor
    authentication, so the token stands for the second factor.
    """
    if policy is None:
        return Verdict.DENY
    signed_in = user is not None and user.is_authenticated
    roles = roles_for(user, request) if signed_in else frozenset()
    unsafe = request.method not in SAFE_METHODS
    if (
        unsafe
        and Role.MUNICIPALITY_VIEWER in roles
        and not policy.is_session_endpoint
        and getattr(request, "centre", None) is None
    ):
        return Verdict.DENY
    if policy.is_public:
        return Verdict.ALLOW
    if policy.is_operator_admin:
        # The admin site shows its own sign-in page and checks staff status itself.
        if signed_in and user.is_staff and _needs_second_factor(user, {Role.PLATFORM_OPERATOR}):
            return Verdict.TWO_FACTOR
        return Verdict.ALLOW
    if not signed_in:
        return Verdict.SIGN_IN
    if not roles & policy.roles:
        return Verdict.DENY
    if not (policy.before_two_factor or by_token) and _needs_second_factor(user, roles):
        return Verdict.TWO_FACTOR
    return Verdict.ALLOW


def _needs_second_factor(user, roles: Iterable[str]) -> bool:
    """Required for some roles (when TWO_FACTOR_REQUIRED), and for anyone who turned it on."""
    if _two_factor_passed(user):
        return False
    if settings.TWO_FACTOR_REQUIRED and set(roles) & TWO_FACTOR_ROLES:
        return True
    from django_otp import user_has_device

    return user_has_device(user, confirmed=True)


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


class AccessPolicyMiddleware:
    """Enforce each page's declared policy before the view runs (after authentication)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        policy = policy_of(view_func)
        match = getattr(request, "resolver_match", None)
        if policy is None and match is not None and match.namespace == "admin":
            policy = Policy(is_operator_admin=True)
        if getattr(view_func, "cls", None) is not None and policy is not None:
            # DRF views authenticate inside the view (tokens); RolePolicyPermission decides
            # there. Only the rules that need no authentication are applied here.
            if decide(request, request.user, policy) is Verdict.DENY and (
                request.method not in SAFE_METHODS and request.user.is_authenticated
            ):
                raise PermissionDenied
            return None
        verdict = decide(request, request.user, policy)
        if verdict is Verdict.ALLOW:
            return None
        if verdict is Verdict.SIGN_IN:
            if _is_api(request):
                return JsonResponse({"detail": _("Sign in first.")}, status=401)
            login_url = reverse("accounts:login")
            return HttpResponseRedirect(f"{login_url}?next={quote(request.get_full_path())}")
        if verdict is Verdict.TWO_FACTOR:
            verify_url = reverse("two_factor:verify")
            return HttpResponseRedirect(f"{verify_url}?next={quote(request.get_full_path())}")
        raise PermissionDenied


class RolePolicyPermission(BasePermission):
    """DRF's side of the same rules: the view's `access_policy`, decided by `decide()`."""

    message = "You do not have access to this."

    def has_permission(self, request, view) -> bool:
        from shared_apps.accounts.models import ApiToken

        by_token = isinstance(getattr(request, "auth", None), ApiToken)
        verdict = decide(request, request.user, policy_of(view), by_token=by_token)
        if verdict is Verdict.SIGN_IN:
            return False  # DRF answers 401 when no credentials were given
        return verdict is Verdict.ALLOW
