"""The volunteer award: the public nomination form and winners list (no sign-in), and the
staff pages for rounds, nominations, the shortlist, the winner and its publication."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from shared_apps.accounts.access import allow, public
from shared_apps.accounts.roles import CENTRE_STAFF
from tenant_apps.award import selectors, services
from tenant_apps.award.forms import AwardRoundForm, NominationForm, PublishForm
from tenant_apps.award.models import AwardRound, Nomination
from toolkit.errors import ApplicationError, form_add_error
from toolkit.publicforms import public_form_submit

# --- Public ---------------------------------------------------------------------------


@public
def award_public(request):
    """The award: rounds open for nominations, and a way to the winners."""
    return render(
        request,
        "award/public/index.html",
        {
            "rounds": list(selectors.open_award_rounds()),
            "has_winners": selectors.published_winners().exists(),
        },
    )


@public
@require_http_methods(["GET", "POST"])
def nominate(request, round_id: int):
    """Nominate someone while the round is open."""
    award_round = selectors.open_award_round(round_id)
    if award_round is None:
        raise Http404
    form = NominationForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = public_form_submit(
            request,
            form,
            scope="award_nominate",
            save=lambda _data: services.nomination_submit(
                award_round=award_round,
                **form.service_arguments(),
                language=translation.get_language(),
            ),
        )
        if status == 0:
            return redirect("award:thanks")
    return render(
        request,
        "award/public/nominate.html",
        {"form": form, "award_round": award_round},
        status=status,
    )


@public
def nominate_thanks(request):
    """Thank you (nothing of what was sent)."""
    return render(request, "award/public/thanks.html")


@public
def winners(request):
    """The published winners: the name and text staff wrote, with the winner's consent."""
    return render(request, "award/public/winners.html", {"winners": selectors.published_winners()})


# --- Staff ----------------------------------------------------------------------------


@allow(CENTRE_STAFF)
def round_list(request):
    """Every award round with how many nominations it has."""
    return render(
        request,
        "award/round_list.html",
        {"rounds": selectors.award_rounds(), "today": timezone.localdate()},
    )


@allow(CENTRE_STAFF)
@require_http_methods(["GET", "POST"])
def round_create(request):
    """Start an award round."""
    form = AwardRoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            award_round = services.award_round_create(actor=request.user, **form.cleaned_data)
        except ApplicationError as error:
            form_add_error(form, error)
        else:
            messages.success(request, _("The award round is saved."))
            return redirect("award:round", award_round.pk)
    return render(request, "award/round_form.html", {"form": form, "award_round": None})


@allow(CENTRE_STAFF)
@require_http_methods(["GET", "POST"])
def round_edit(request, round_id: int):
    """Change an award round's title, description or dates."""
    award_round = get_object_or_404(AwardRound, pk=round_id)
    form = AwardRoundForm(
        request.POST or None,
        initial={
            "title": award_round.title,
            "description": award_round.description,
            "opens_on": award_round.opens_on,
            "closes_on": award_round.closes_on,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.award_round_update(
                actor=request.user, award_round=award_round, **form.cleaned_data
            )
        except ApplicationError as error:
            form_add_error(form, error)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect("award:round", award_round.pk)
    return render(request, "award/round_form.html", {"form": form, "award_round": award_round})


@allow(CENTRE_STAFF)
def round_detail(request, round_id: int):
    """A round's nominations: winner, shortlist, the rest."""
    award_round = get_object_or_404(AwardRound, pk=round_id)
    return render(
        request,
        "award/round_detail.html",
        {
            "award_round": award_round,
            "nominations": selectors.round_nominations(award_round),
            "is_open": services.is_open(award_round),
        },
    )


def _nomination(nomination_id: int) -> Nomination:
    return get_object_or_404(Nomination.objects.select_related("award_round"), pk=nomination_id)


@allow(CENTRE_STAFF)
def nomination_detail(request, nomination_id: int):
    """One nomination in full (reading it is audited), with the jury's actions."""
    nomination = services.nomination_viewed(
        actor=request.user, nomination=_nomination(nomination_id)
    )
    publish_form = PublishForm(
        initial={
            "consent_on": nomination.winner_consent_on or timezone.localdate(),
            "public_name": nomination.public_name or nomination.nominee_name,
            "citation": nomination.citation,
        }
    )
    return render(
        request,
        "award/nomination_detail.html",
        {"nomination": nomination, "publish_form": publish_form},
    )


@allow(CENTRE_STAFF)
@require_POST
def nomination_shortlist(request, nomination_id: int):
    """Put a nomination on the shortlist or take it off."""
    nomination = _nomination(nomination_id)
    shortlisted = request.POST.get("shortlisted") == "1"
    try:
        services.nomination_shortlist(
            actor=request.user, nomination=nomination, shortlisted=shortlisted
        )
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("%(name)s is on the shortlist.") % {"name": nomination.nominee_name}
            if shortlisted
            else _("%(name)s is taken off the shortlist.") % {"name": nomination.nominee_name},
        )
    return redirect("award:round", nomination.award_round_id)


@allow(CENTRE_STAFF)
@require_POST
def nomination_pick_winner(request, nomination_id: int):
    """Make a nomination the round's winner."""
    nomination = _nomination(nomination_id)
    try:
        services.nomination_pick_winner(actor=request.user, nomination=nomination)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("%(name)s is the winner. Record their consent before publishing.")
            % {"name": nomination.nominee_name},
        )
    return redirect("award:nomination", nomination.pk)


@allow(CENTRE_STAFF)
@require_http_methods(["POST"])
def winner_publish(request, nomination_id: int):
    """Publish the winner with their consent, or take them off the site."""
    nomination = _nomination(nomination_id)
    if request.POST.get("unpublish"):
        services.winner_unpublish(actor=request.user, nomination=nomination)
        messages.success(request, _("The winner is taken off the site."))
        return redirect("award:nomination", nomination.pk)
    form = PublishForm(request.POST)
    if form.is_valid():
        try:
            services.winner_publish(actor=request.user, nomination=nomination, **form.cleaned_data)
        except ApplicationError as error:
            form_add_error(form, error)
        else:
            messages.success(request, _("The winner is published on the site."))
            return redirect("award:nomination", nomination.pk)
    return render(
        request,
        "award/nomination_detail.html",
        {"nomination": nomination, "publish_form": form},
        status=400,
    )
