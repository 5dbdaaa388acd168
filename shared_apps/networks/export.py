"""The network's figures as CSV: one line per month and one for the year, then participants
by target group, like on the pages (counts of people are sums of rounded cells); a year
without combined figures (fewer than three members) holds only the reason."""

from __future__ import annotations

from django.utils.translation import gettext as _

from shared_apps.networks.contracts import FigureValue, NetworkFigures
from shared_apps.networks.figures import WITHHELD_NOTE, figure_labels
from toolkit.exports import ExportFile, csv_file

MONTH_COLUMNS = (
    "hours",
    "active_volunteers",
    "new_volunteers",
    "participants",
    "activities_running",
    "sessions_held",
)


def _cell(value: FigureValue) -> str:
    return value.text


def _rows(figures: NetworkFigures) -> list[list[str]]:
    if figures.is_withheld:
        return [[WITHHELD_NOTE()]]
    labels = figure_labels()
    rows = [[labels["month"], *(labels[column] for column in MONTH_COLUMNS)]]
    for line in figures.months:
        rows.append(
            [
                line.month.strftime("%Y-%m"),
                *(_cell(getattr(line, column)) for column in MONTH_COLUMNS),
            ]
        )
    rows.append(
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
    rows.append([])
    rows.append([_("Target group"), _("Participants"), _("Network target group")])
    for group in figures.participants_by_target_group:
        rows.append(
            [group.label, _cell(group.participants), _("yes") if group.is_network_target else ""]
        )
    rows.append([_("All target groups"), _cell(figures.participants_by_target_group_total), ""])
    if figures.members:
        rows.append([])
        rows.append(
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
            rows.append(
                [
                    member.centre_name,
                    _cell(member.hours),
                    _cell(member.active_volunteers_in_year),
                    _cell(member.new_volunteers),
                    _cell(member.participants),
                    _cell(member.activities_running),
                ]
            )
    return rows


def figures_csv(figures: NetworkFigures, *, stem: str) -> ExportFile:
    """The figures as a CSV file; every text cell is safe from formula injection."""
    return csv_file(stem=stem, rows=_rows(figures))
