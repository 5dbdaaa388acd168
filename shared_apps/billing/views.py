"""Billing pages: the overview of operators and federation administrators (platform host),
a centre manager's billing page (centre host), and Stripe's webhook."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from shared_apps.accounts.access import allow, public, roles_for
from shared_apps.accounts.roles import CENTRE_MANAGERS, FEDERATION_MANAGERS, Role
from shared_apps.billing import selectors, services
from shared_apps.billing.forms import PayerForm, PlanForm, SubscribeForm
from shared_apps.billing.gateway import billing_is_enabled
from shared_apps.billing.models import Payer
from tenants.models import Federation
from tenants.selectors import manageable_centres
from toolkit.errors import ApplicationError, form_add_error

OVERVIEW_ROLES = (Role.PLATFORM_OPERATOR, *FEDERATION_MANAGERS)


def _federations(request: HttpRequest):
    federation_ids = manageable_centres(user=request.user).values("federation")
    if Role.PLATFORM_OPERATOR in roles_for(request.user, request):
        return Federation.objects.order_by("name")
    return Federation.objects.filter(pk__in=federation_ids).order_by("name")


def _federation_or_403(request: HttpRequest) -> Federation:
    federation = _federations(request).filter(slug=request.POST.get("federation", "")).first()
    if federation is None:
        raise PermissionDenied
    return federation


def _render_overview(request, *, plan_form=None, status: int = 200) -> HttpResponse:
    is_operator = Role.PLATFORM_OPERATOR in roles_for(request.user, request)
    sections = [
        {
            "overview": overview,
            "payer_form": PayerForm(
                initial={"payer": overview.payer}, federation=overview.federation
            ),
            "subscribe_form": SubscribeForm(
                plans=selectors.offered_plans(currency=overview.federation.currency),
                auto_id=f"{overview.federation.slug}-subscribe-%s",
            ),
        }
        for overview in selectors.federation_billing_overviews(federations=_federations(request))
    ]
    return render(
        request,
        "billing/overview.html",
        {
            "billing_enabled": billing_is_enabled(),
            "is_operator": is_operator,
            "plans": selectors.all_plans() if is_operator else [],
            "plan_form": plan_form or PlanForm(),
            "sections": sections,
        },
        status=status,
    )


@allow(OVERVIEW_ROLES)
def overview(request: HttpRequest) -> HttpResponse:
    """Plans (operators), and per federation: who pays, its subscription, its centres'."""
    return _render_overview(request)


@allow(Role.PLATFORM_OPERATOR)
@require_POST
def plan_create(request: HttpRequest) -> HttpResponse:
    """Offer a new plan."""
    form = PlanForm(request.POST)
    if not form.is_valid():
        return _render_overview(request, plan_form=form, status=400)
    try:
        plan = services.plan_create(**form.cleaned_data)
    except ApplicationError as error:
        form_add_error(form, error)
        return _render_overview(request, plan_form=form, status=400)
    messages.success(request, _("The plan “%(name)s” is offered now.") % {"name": plan.name})
    return redirect("billing:overview")


@allow(OVERVIEW_ROLES)
@require_POST
def payer_set(request: HttpRequest) -> HttpResponse:
    """Say who pays for a federation's centres."""
    federation = _federation_or_403(request)
    form = PayerForm(request.POST, federation=federation)
    if form.is_valid():
        services.federation_payer_set(federation=federation, payer=form.cleaned_data["payer"])
        messages.success(
            request, _("Saved: %(payer)s.") % {"payer": Payer(form.cleaned_data["payer"]).label}
        )
    else:
        messages.error(request, _("Choose who pays."))
    return redirect("billing:overview")


def _start(request, *, account, plans, name, back_url) -> HttpResponse:
    form = SubscribeForm(request.POST, plans=plans)
    if not form.is_valid():
        messages.error(request, _("Choose a plan."))
        return redirect(back_url)
    try:
        checkout_url = services.subscription_start(
            account=account,
            plan=form.cleaned_data["plan"],
            name=name,
            email=request.user.email,
            success_url=request.build_absolute_uri(back_url) + "?checkout=done",
            cancel_url=request.build_absolute_uri(back_url),
        )
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect(back_url)
    if checkout_url:
        return redirect(checkout_url)
    messages.success(request, _("The subscription has started."))
    return redirect(back_url)


def _portal(request, *, account, back_url) -> HttpResponse:
    try:
        url = services.portal_session_start(
            account=account, return_url=request.build_absolute_uri(back_url)
        )
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect(back_url)
    return redirect(url)


@allow(OVERVIEW_ROLES)
@require_POST
def federation_subscribe(request: HttpRequest) -> HttpResponse:
    """The federation subscribes for all its centres (when the federation pays)."""
    federation = _federation_or_403(request)
    account = services.billing_account_ensure(federation=federation)
    return _start(
        request,
        account=account,
        plans=selectors.offered_plans(currency=federation.currency),
        name=federation.name,
        back_url=reverse("billing:overview"),
    )


@allow(OVERVIEW_ROLES)
@require_POST
def federation_portal(request: HttpRequest) -> HttpResponse:
    """Stripe's customer portal for the federation's subscription."""
    federation = _federation_or_403(request)
    account = services.billing_account_ensure(federation=federation)
    return _portal(request, account=account, back_url=reverse("billing:overview"))


@allow(CENTRE_MANAGERS)
def centre_overview(request: HttpRequest) -> HttpResponse:
    """A centre manager's billing: who pays, the plan and its status, invoices, subscribe."""
    billing = selectors.centre_billing(centre=request.centre)
    return render(
        request,
        "billing/centre.html",
        {
            "billing_enabled": billing_is_enabled(),
            "billing": billing,
            "subscribe_form": SubscribeForm(
                plans=selectors.offered_plans(currency=request.centre.federation.currency)
            ),
            "checkout_done": request.GET.get("checkout") == "done",
        },
    )


def _centre_account(request):
    if services.payer_of(centre=request.centre) != Payer.CENTRE:
        raise PermissionDenied
    return services.billing_account_ensure(centre=request.centre)


@allow(CENTRE_MANAGERS)
@require_POST
def centre_subscribe(request: HttpRequest) -> HttpResponse:
    """Subscribe the centre to a plan (Stripe Checkout, or directly against an emulator)."""
    return _start(
        request,
        account=_centre_account(request),
        plans=selectors.offered_plans(currency=request.centre.federation.currency),
        name=request.centre.name,
        back_url=reverse("centre_billing:overview"),
    )


@allow(CENTRE_MANAGERS)
@require_POST
def centre_portal(request: HttpRequest) -> HttpResponse:
    """Stripe's customer portal for the centre's subscription."""
    return _portal(
        request, account=_centre_account(request), back_url=reverse("centre_billing:overview")
    )


@public
@csrf_exempt
@require_POST
def webhook(request: HttpRequest) -> HttpResponse:
    """Stripe's events: signature verified, each handled once, unknown types acknowledged."""
    if not billing_is_enabled():
        raise Http404
    try:
        outcome = services.webhook_receive(
            payload=request.body, signature=request.headers.get("Stripe-Signature", "")
        )
    except ApplicationError as error:
        return JsonResponse({"error": error.message}, status=error.http_status)
    return JsonResponse({"received": True, "outcome": outcome})
