"""Reads of the volunteer award."""

from __future__ import annotations

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

from tenant_apps.award.models import AwardRound, Nomination


def award_rounds() -> QuerySet[AwardRound]:
    """Every round, newest first, with `nomination_count` and `shortlisted_count`."""
    return AwardRound.objects.annotate(
        nomination_count=Count("nominations"),
        shortlisted_count=Count(
            "nominations",
            filter=Q(
                nominations__status__in=[Nomination.Status.SHORTLISTED, Nomination.Status.WINNER]
            ),
        ),
    ).order_by("-opens_on", "-id")


def open_award_rounds() -> QuerySet[AwardRound]:
    """The rounds that take nominations today, closing soonest first."""
    today = timezone.localdate()
    return AwardRound.objects.filter(opens_on__lte=today, closes_on__gte=today).order_by(
        "closes_on", "id"
    )


def open_award_round(round_id: int) -> AwardRound | None:
    """One round that takes nominations today, or None."""
    return open_award_rounds().filter(pk=round_id).first()


def round_nominations(award_round: AwardRound, *, status: str = "") -> QuerySet[Nomination]:
    """A round's nominations: the winner, the shortlist, then the rest, each oldest first."""
    nominations = award_round.nominations.all()
    if status:
        nominations = nominations.filter(status=status)
    order = {"winner": 0, "shortlisted": 1, "received": 2}
    rank = Case(
        *(When(status=code, then=Value(position)) for code, position in order.items()),
        output_field=IntegerField(),
    )
    return nominations.annotate(rank=rank).order_by("rank", "created_at", "id")


def published_winners() -> QuerySet[Nomination]:
    """Winners published on the site (each agreed), newest round first: only what staff
    wrote for publication is meant to be shown."""
    return (
        Nomination.objects.select_related("award_round")
        .filter(
            status=Nomination.Status.WINNER,
            published_at__isnull=False,
            winner_consent_on__isnull=False,
        )
        .order_by("-award_round__opens_on", "-id")
    )
