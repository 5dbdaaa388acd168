"""Every write to the volunteer award: rounds, nominations from the public, the shortlist,
the winner and their publication. Staff actions are audited (subject "nomination" or
"award_round"); a nomination's content never goes into the log."""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tenant_apps.audit.models import AuditAction
from tenant_apps.audit.services import audit_record
from tenant_apps.award import emails
from tenant_apps.award.models import AwardRound, Nomination
from toolkit.actors import Actor
from toolkit.emails import after_commit_in_this_schema
from toolkit.errors import ApplicationError

TEXT_MAX_LENGTH = 3000
Status = Nomination.Status


def _today() -> datetime.date:
    return timezone.localdate()


def is_open(award_round: AwardRound, on_date: datetime.date | None = None) -> bool:
    """Whether the round takes nominations on the day (both dates included)."""
    day = on_date or _today()
    return award_round.opens_on <= day <= award_round.closes_on


def _clean_round(*, title: str, description: str, opens_on, closes_on) -> dict:
    title, description = (title or "").strip(), (description or "").strip()
    if not title:
        raise ApplicationError(_("Give the award round a title."), field="title")
    if not isinstance(opens_on, datetime.date):
        raise ApplicationError(_("Give the day nominations open."), field="opens_on")
    if not isinstance(closes_on, datetime.date):
        raise ApplicationError(_("Give the day nominations close."), field="closes_on")
    if closes_on < opens_on:
        raise ApplicationError(_("Nominations cannot close before they open."), field="closes_on")
    if len(description) > TEXT_MAX_LENGTH:
        raise ApplicationError(
            _("Keep this under %(count)d characters.") % {"count": TEXT_MAX_LENGTH},
            field="description",
        )
    return {
        "title": title,
        "description": description,
        "opens_on": opens_on,
        "closes_on": closes_on,
    }


def award_round_create(
    *,
    actor: Actor,
    title: str,
    opens_on: datetime.date,
    closes_on: datetime.date,
    description: str = "",
) -> AwardRound:
    """Start an award round that takes nominations between two dates."""
    values = _clean_round(
        title=title, description=description, opens_on=opens_on, closes_on=closes_on
    )
    with transaction.atomic():
        award_round = AwardRound.objects.create(**values)
        audit_record(
            actor=actor,
            action=AuditAction.CREATED,
            subject_type="award_round",
            subject_id=award_round.pk,
            code="award_round.created",
            params={"title": award_round.title},
        )
    return award_round


def award_round_update(
    *,
    actor: Actor,
    award_round: AwardRound,
    title: str,
    opens_on: datetime.date,
    closes_on: datetime.date,
    description: str = "",
) -> AwardRound:
    """Change an award round's title, description or dates."""
    values = _clean_round(
        title=title, description=description, opens_on=opens_on, closes_on=closes_on
    )
    with transaction.atomic():
        award_round = AwardRound.objects.select_for_update().get(pk=award_round.pk)
        for field, value in values.items():
            setattr(award_round, field, value)
        award_round.save()
        audit_record(
            actor=actor,
            action=AuditAction.UPDATED,
            subject_type="award_round",
            subject_id=award_round.pk,
            code="award_round.updated",
            params={"title": award_round.title},
        )
    return award_round


def nomination_submit(
    *,
    award_round: AwardRound,
    nominee_name: str,
    reason: str,
    nominator_name: str,
    nominator_email: str,
    nominee_contact: str = "",
    nominator_phone: str = "",
    language: str,
) -> Nomination:
    """Take a nomination from the public form while the round is open; the nominator gets a
    confirmation e-mail (and nobody else)."""
    values = {
        "nominee_name": (nominee_name or "").strip(),
        "nominee_contact": (nominee_contact or "").strip(),
        "reason": (reason or "").strip(),
        "nominator_name": (nominator_name or "").strip(),
        "nominator_email": (nominator_email or "").strip(),
        "nominator_phone": (nominator_phone or "").strip(),
    }
    required = {
        "nominee_name": _("Enter the name of the person you nominate."),
        "reason": _("Tell us why they deserve the award."),
        "nominator_name": _("Enter your name."),
        "nominator_email": _("Enter your e-mail address."),
    }
    for field, message in required.items():
        if not values[field]:
            raise ApplicationError(message, field=field)
    if len(values["reason"]) > TEXT_MAX_LENGTH:
        raise ApplicationError(
            _("Keep this under %(count)d characters.") % {"count": TEXT_MAX_LENGTH},
            field="reason",
        )
    with transaction.atomic():
        award_round = AwardRound.objects.select_for_update().get(pk=award_round.pk)
        if not is_open(award_round):
            raise ApplicationError(_("Nominations for this award are closed."))
        nomination = Nomination.objects.create(award_round=award_round, language=language, **values)
        nomination_id = nomination.pk
        after_commit_in_this_schema(lambda: emails.nomination_received_email_send(nomination_id))
    return nomination


def _locked(nomination: Nomination) -> Nomination:
    return (
        Nomination.objects.select_for_update(of=("self",))
        .select_related("award_round")
        .get(pk=nomination.pk)
    )


def _audit(actor: Actor, nomination: Nomination, code: str, **params) -> None:
    audit_record(
        actor=actor,
        action=AuditAction.UPDATED,
        subject_type="nomination",
        subject_id=nomination.pk,
        code=code,
        params={"round": nomination.award_round_id, **params},
    )


def nomination_viewed(*, actor: Actor, nomination: Nomination) -> Nomination:
    """Record that `actor` read a nomination (it holds personal data of two people)."""
    audit_record(
        actor=actor,
        action=AuditAction.VIEWED,
        subject_type="nomination",
        subject_id=nomination.pk,
        params={"round": nomination.award_round_id},
    )
    return nomination


def nomination_shortlist(*, actor: Actor, nomination: Nomination, shortlisted: bool) -> Nomination:
    """Put a nomination on the shortlist, or take it off."""
    with transaction.atomic():
        nomination = _locked(nomination)
        if nomination.status == Status.WINNER:
            raise ApplicationError(_("This nomination is the winner. Choose another winner first."))
        status = Status.SHORTLISTED if shortlisted else Status.RECEIVED
        if nomination.status != status:
            nomination.status = status
            nomination.save(update_fields=["status"])
            _audit(actor, nomination, "nomination.status_changed", status=status)
    return nomination


def nomination_pick_winner(*, actor: Actor, nomination: Nomination) -> Nomination:
    """Make a nomination the round's winner; a previous, unpublished winner goes back to the
    shortlist."""
    with transaction.atomic():
        award_round = AwardRound.objects.select_for_update().get(pk=nomination.award_round_id)
        nomination = _locked(nomination)
        if nomination.status == Status.WINNER:
            return nomination
        previous = award_round.nominations.filter(status=Status.WINNER).first()
        if previous is not None:
            if previous.published_at is not None:
                raise ApplicationError(
                    _("The winner of this round is published. Take the publication down first.")
                )
            previous.status = Status.SHORTLISTED
            previous.winner_consent_on = None
            previous.save(update_fields=["status", "winner_consent_on"])
            _audit(actor, previous, "nomination.status_changed", status=Status.SHORTLISTED)
        nomination.status = Status.WINNER
        try:
            with transaction.atomic():
                nomination.save(update_fields=["status"])
        except IntegrityError:
            raise ApplicationError(_("This round already has a winner.")) from None
        _audit(actor, nomination, "nomination.status_changed", status=Status.WINNER)
    return nomination


def winner_publish(
    *,
    actor: Actor,
    nomination: Nomination,
    consent_on: datetime.date | None,
    public_name: str,
    citation: str,
) -> Nomination:
    """Publish the winner on the centre's site: only with the date the winner agreed, and
    with the name and text staff wrote for it (never the nominator's own words unread)."""
    public_name, citation = (public_name or "").strip(), (citation or "").strip()
    if consent_on is None:
        raise ApplicationError(
            _("Record the day the winner agreed to be shown on the site."), field="consent_on"
        )
    if consent_on > _today():
        raise ApplicationError(_("This date cannot be in the future."), field="consent_on")
    if not public_name:
        raise ApplicationError(_("Enter the name to show on the site."), field="public_name")
    if len(citation) > TEXT_MAX_LENGTH:
        raise ApplicationError(
            _("Keep this under %(count)d characters.") % {"count": TEXT_MAX_LENGTH},
            field="citation",
        )
    with transaction.atomic():
        nomination = _locked(nomination)
        if nomination.status != Status.WINNER:
            raise ApplicationError(_("Only the winner can be published."))
        nomination.winner_consent_on = consent_on
        nomination.public_name = public_name[:200]
        nomination.citation = citation
        nomination.published_at = nomination.published_at or timezone.now()
        nomination.save(
            update_fields=["winner_consent_on", "public_name", "citation", "published_at"]
        )
        _audit(actor, nomination, "nomination.published", consent_on=consent_on.isoformat())
    return nomination


def winner_unpublish(*, actor: Actor, nomination: Nomination) -> Nomination:
    """Take the winner off the site (e.g. when they withdraw their consent)."""
    with transaction.atomic():
        nomination = _locked(nomination)
        if nomination.published_at is None:
            return nomination
        nomination.published_at = None
        nomination.save(update_fields=["published_at"])
        _audit(actor, nomination, "nomination.unpublished")
    return nomination
