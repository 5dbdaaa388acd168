"""One centre beside the median of similar centres."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from shared_apps.dashboard.numbers import number_text
from shared_apps.dashboard.selectors import CentreInfo, federation_centres
from shared_apps.dashboard.tables.base import (
    MONEY,
    SUMMARY_KEYS,
    Figure,
    Row,
    Table,
    figure,
    file_stem,
    money_figure,
    rounded,
    suppression_notes,
    year_span,
)
from shared_apps.dashboard.tables.breakdowns import NotFound, suppress_geography
from shared_apps.statistics import selectors as figures
from shared_apps.statistics.contracts import KEYS
from shared_apps.statistics.labels import key_label
from shared_apps.statistics.suppression import Shown
from tenants.models import Federation, OwnershipForm

# Fewer similar centres than this: no median is shown (it would be one centre's figure).
MINIMUM_PEERS = 3
# Look for this many similar centres in the same size band before widening the group.
WANTED_PEERS = 5


@dataclass(frozen=True)
class Comparison:
    centre: CentreInfo
    table: Table
    peer_count: int
    is_widened: bool
    band_text: str


def median(values: Sequence[Decimal]) -> Decimal:
    """The middle value (the mean of the two middle ones for an even count)."""
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def quartile_cuts(values: Sequence[Decimal]) -> list[Decimal]:
    """The three cut points between quartiles (linear interpolation, the "inclusive" method).
    Not the standard library's `statistics`: under pytest `shared_apps/statistics` shadows it."""
    ordered = sorted(Decimal(v) for v in values)
    cuts = []
    for quarter in (1, 2, 3):
        position = Decimal(len(ordered) - 1) * quarter / 4
        low = int(position)
        high = min(low + 1, len(ordered) - 1)
        cuts.append(ordered[low] + (ordered[high] - ordered[low]) * (position - low))
    return cuts


def size_bands(hours_by_centre: Mapping[int, Decimal], centre_ids: Sequence[int]) -> dict[int, int]:
    """Each centre's quartile (0–3) of the federation by volunteer hours in the year."""
    values = [Decimal(hours_by_centre.get(c, 0)) for c in centre_ids]
    if len(values) < 2:
        return dict.fromkeys(centre_ids, 0)
    cuts = quartile_cuts(values)
    return {c: sum(Decimal(hours_by_centre.get(c, 0)) > cut for cut in cuts) for c in centre_ids}


def comparison(
    *, federation: Federation, centre_id: int, year: int, hour_value: Decimal
) -> Comparison:
    """One centre's key figures of a year beside the median of similar centres: the same
    ownership form and size band (quartile by hours), or the same ownership form when the
    band has fewer than five others."""
    centres = federation_centres(federation_id=federation.pk)
    by_id = {c.id: c for c in centres}
    if centre_id not in by_id:
        raise NotFound
    centre = by_id[centre_id]
    date_from, date_to = year_span(year)
    values: dict[str, dict[int, Decimal]] = {}
    for key in SUMMARY_KEYS:
        values[key] = {
            k[0]: v
            for k, v in figures.figure_sums(
                key=key,
                date_from=date_from,
                date_to=date_to,
                by=("centre",),
                federation_id=federation.pk,
            ).items()
        }
    ids = [c.id for c in centres]
    bands = size_bands(values["hours.total"], ids)
    same_form = [
        c for c in centres if c.id != centre.id and c.ownership_form == centre.ownership_form
    ]
    peers = [c for c in same_form if bands[c.id] == bands[centre.id]]
    is_widened = len(peers) < WANTED_PEERS
    if is_widened:
        peers = same_form
    has_median = len(peers) >= MINIMUM_PEERS

    rows = []
    for key in SUMMARY_KEYS:
        spec = KEYS[key]
        if spec.is_people_count:
            # The same tree as the drill-down, so this page hides what the centre list hides.
            own = suppress_geography(values[key], centres, is_people_count=True).centres[centre.id]
        else:
            own = Shown(values[key].get(centre.id, Decimal(0)))
        peers_median = None
        median_figure = Figure(Shown(None), spec.measure)
        if has_median:
            peers_median = median([values[key].get(c.id, Decimal(0)) for c in peers])
            median_figure = figure(peers_median, key=key)
        rows.append(Row(key_label(key), (Figure(own, spec.measure), median_figure)))
        if key == "hours.total":
            own_value = Figure(Shown(None), MONEY)
            if not own.is_suppressed and own.value is not None:
                own_value = money_figure(own.value, hour_value, federation.currency)
            median_value = Figure(Shown(None), MONEY)
            if peers_median is not None:
                median_value = money_figure(peers_median, hour_value, federation.currency)
            rows.append(
                Row(
                    _("Value of volunteer work (%(currency)s)") % {"currency": federation.currency},
                    (own_value, median_value),
                )
            )

    form_label = str(OwnershipForm(centre.ownership_form).label)
    if is_widened:
        band_text = _(
            "Similar centres have the same ownership form (%(form)s); too few of them are of "
            "the same size, so centres of every size are counted."
        ) % {"form": form_label}
    else:
        band_text = _band_text(values["hours.total"], ids, bands[centre.id], form_label)
    title = _("%(centre)s beside similar centres, %(year)s") % {"centre": centre.name, "year": year}
    notes = [band_text, *suppression_notes(True)]
    if has_median:
        median_header = ngettext(
            "Median of %(count)d similar centre", "Median of %(count)d similar centres", len(peers)
        ) % {"count": len(peers)}
    else:
        median_header = _("Median of similar centres")
        notes.insert(
            0,
            _(
                "There are too few similar centres to show a median without showing one "
                "centre's own figures."
            ),
        )
    table = Table(
        slug="comparison",
        caption=title,
        row_header=_("Figure"),
        columns=(centre.name, median_header),
        rows=tuple(rows),
        file_stem=file_stem(federation, "comparison", centre.slug, year),
        notes=tuple(notes),
    )
    return Comparison(centre, table, len(peers) if has_median else 0, is_widened, band_text)


def _band_text(hours_by_centre, ids, band: int, form_label: str) -> str:
    cuts = quartile_cuts([Decimal(hours_by_centre.get(c, 0)) for c in ids])

    def hours(value: Decimal) -> str:
        return number_text(rounded(value, MONEY))

    context = {"form": form_label}
    # Never the top or bottom end of a band: that would be one centre's hours.
    if band == 0:
        text = _(
            "Similar centres have the same ownership form (%(form)s) and at most %(high)s "
            "volunteer hours in the year."
        )
        return text % {**context, "high": hours(cuts[0])}
    if band == 3:
        text = _(
            "Similar centres have the same ownership form (%(form)s) and more than %(low)s "
            "volunteer hours in the year."
        )
        return text % {**context, "low": hours(cuts[2])}
    text = _(
        "Similar centres have the same ownership form (%(form)s) and between %(low)s and "
        "%(high)s volunteer hours in the year."
    )
    return text % {**context, "low": hours(cuts[band - 1]), "high": hours(cuts[band])}
