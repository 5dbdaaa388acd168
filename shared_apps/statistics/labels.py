"""How figures are named on pages, exports and reports, in the reader's language."""

from django.utils.translation import gettext_lazy as _

from shared_apps.statistics.contracts import KEYS

KEY_LABELS = {
    "hours.total": _("Volunteer hours"),
    "hours.by_category": _("Volunteer hours by activity category"),
    "volunteers.active": _("Active volunteers"),
    "volunteers.active_by_age_band": _("Active volunteers by age"),
    "volunteers.active_in_year": _("Active volunteers in the year"),
    "volunteers.active_in_year_by_age_band": _("Active volunteers in the year by age"),
    "volunteers.new": _("New volunteers"),
    "activities.running": _("Activities running"),
    "activities.running_in_year": _("Activities running in the year"),
    "sessions.held": _("Sessions held"),
    "participants.total": _("Participants"),
    "participants.by_age_band": _("Participants by age"),
    "participants.by_target_group": _("Participants by target group"),
    "help_requests.opened": _("Help requests received"),
    "help_requests.matched": _("Help requests matched with a volunteer"),
    "help_requests.closed": _("Help requests completed"),
}
assert set(KEY_LABELS) == set(KEYS), "every statistics key needs a label"

DIMENSION_LABELS = {
    "": _("Total"),
    "other": _("Other"),
    # age bands
    "0_17": _("Under 18"),
    "18_29": _("18–29"),
    "30_59": _("30–59"),
    "60_79": _("60–79"),
    "80_plus": _("80 and over"),
    "unknown": _("Not given"),
    # target groups
    "young_adults": _("Young adults 18–29"),
    "seniors": _("Seniors 60+"),
    "immigrant_background": _("Immigrant background"),
    "disability": _("People with disabilities"),
    "families": _("Families with children"),
    "lonely": _("People experiencing loneliness"),
    # request types
    "visiting-friend": _("Visiting friend"),
    "transport": _("Transport"),
    "shopping": _("Shopping"),
    "digital-help": _("Digital help"),
    "garden": _("Garden work"),
    "walks": _("Company on walks"),
}


def key_label(key: str) -> str:
    return str(KEY_LABELS.get(key, key))


def dimension_label(value: str, *, categories: dict[str, str] | None = None) -> str:
    """A dimension value's name; activity categories by the federation's names if given."""
    if categories and value in categories:
        return categories[value]
    return str(DIMENSION_LABELS.get(value, value))
