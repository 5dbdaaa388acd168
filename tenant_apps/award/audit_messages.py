"""How the audit log reads the award's events (discovered by tenant_apps.audit)."""

from django.utils.translation import gettext_lazy as _

from tenant_apps.audit.messages import as_date, register_message, register_subject
from tenant_apps.award.models import AwardRound, Nomination


def _round_titles(ids: set[str]) -> dict[str, str]:
    rounds = AwardRound.objects.filter(pk__in=[int(i) for i in ids if i.isdigit()])
    return {str(award_round.pk): award_round.title for award_round in rounds}


def _nominee_names(ids: set[str]) -> dict[str, str]:
    nominations = Nomination.objects.filter(pk__in=[int(i) for i in ids if i.isdigit()])
    return {str(nomination.pk): nomination.nominee_name for nomination in nominations}


register_subject(
    "award_round",
    _("Award round"),
    deleted=_("deleted award round"),
    names=_round_titles,
    view_name="award:round",
)
register_subject(
    "nomination",
    _("Nomination"),
    deleted=_("deleted nomination"),
    names=_nominee_names,
    view_name="award:nomination",
)
register_message("award_round.created", _("Award round “%(title)s” started"))
register_message("award_round.updated", _("Award round “%(title)s” changed"))
register_message(
    "nomination.status_changed",
    _("Nomination is now: %(status)s"),
    formats={"status": dict(Nomination.Status.choices)},
)
register_message(
    "nomination.published",
    _("Winner published on the site (agreed on %(consent_on)s)"),
    formats={"consent_on": as_date},
)
register_message("nomination.unpublished", _("Winner taken off the site"))
