"""The network's figures as CSV: one line per month and one for the year, then participants
by target group. Hidden people counts are written as "<5", like on the pages."""

from __future__ import annotations

import csv
import io

from django.utils.translation import gettext as _

from shared_apps.networks.contracts import FigureValue, NetworkFigures
from shared_apps.networks.figures import figure_labels


def _cell(value: FigureValue) -> str:
    return value.text


def _text(text: str) -> str:
    # A spreadsheet would run a cell starting with one of these as a formula.
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def figures_csv(figures: NetworkFigures) -> str:
    """CSV text of the figures (UTF-8 with a byte order mark added by the caller)."""
    labels = figure_labels()
    columns = [
        "hours",
        "active_volunteers",
        "new_volunteers",
        "participants",
        "activities_running",
        "sessions_held",
    ]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([labels["month"], *(labels[column] for column in columns)])
    for line in figures.months:
        writer.writerow(
            [line.month.strftime("%Y-%m"), *(_cell(getattr(line, column)) for column in columns)]
        )
    writer.writerow(
        [
            str(figures.year),
            _cell(figures.hours),
            # Distinct people in the year, not the sum of the months.
            _cell(figures.active_volunteers_in_year),
            _cell(figures.new_volunteers),
            _cell(figures.participants),
            _cell(figures.activities_running),
            _cell(figures.sessions_held),
        ]
    )
    writer.writerow([])
    writer.writerow([_("Target group"), _("Participants"), _("Network target group")])
    for group in figures.participants_by_target_group:
        writer.writerow(
            [group.label, _cell(group.participants), _("yes") if group.is_network_target else ""]
        )
    writer.writerow([_("All target groups"), _cell(figures.participants_by_target_group_total), ""])
    if figures.members:
        writer.writerow([])
        writer.writerow(
            [
                _("Centre"),
                labels["hours"],
                _("Active volunteers in the year"),
                labels["new_volunteers"],
                labels["participants"],
                labels["activities_running"],
            ]
        )
        for member in figures.members:
            writer.writerow(
                [
                    _text(member.centre_name),
                    _cell(member.hours),
                    _cell(member.active_volunteers_in_year),
                    _cell(member.new_volunteers),
                    _cell(member.participants),
                    _cell(member.activities_running),
                ]
            )
    return out.getvalue()
