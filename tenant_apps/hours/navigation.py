"""The hours sub-menu (toolkit.navigation lists the pages a person may open)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from toolkit.navigation import MenuItem

HOURS_MENU = (
    MenuItem("hours:list", _("Hours")),
    MenuItem("hours:log", _("Log hours")),
    MenuItem("hours:totals", _("Totals")),
    MenuItem("hours:export", _("Export")),
)
