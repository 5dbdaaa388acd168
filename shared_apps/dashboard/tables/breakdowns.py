"""Breakdowns of one figure: county → municipality → centre, ownership form, activity
category, target group and age."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import urlencode

from django.utils.translation import gettext as _

from shared_apps.dashboard.selectors import CentreInfo, activity_category_labels, federation_centres
from shared_apps.dashboard.tables.base import (
    Figure,
    Row,
    Table,
    bar_chart,
    file_stem,
    measure_of,
    nordic_sort_key,
    suppression_notes,
    unit_of,
    year_of,
    year_span,
)
from shared_apps.statistics import selectors as figures
from shared_apps.statistics.contracts import (
    AGE_BAND,
    AGE_BANDS,
    KEYS,
    OTHER,
    PEOPLE,
    TARGET_GROUP,
    TARGET_GROUPS,
)
from shared_apps.statistics.labels import dimension_label, key_label
from shared_apps.statistics.suppression import Shown, suppress_line
from tenants.models import Federation, OwnershipForm


@dataclass(frozen=True)
class Geography:
    """One key's figures of one year on every level, suppressed as one tree."""

    counties: dict[str, Shown]
    total: Shown
    municipalities: dict[int, Shown]
    municipality_totals: dict[str, Shown]  # by county
    centres: dict[int, Shown]
    centre_totals: dict[int, Shown]  # by municipality


def _child_line(
    values: Mapping[Hashable, Decimal], *, parent: Shown, is_people_count: bool
) -> tuple[dict[Hashable, Shown], Shown]:
    """A list of parts whose total is a figure shown (or hidden) one level up."""
    parts, total = suppress_line(values, is_people_count=is_people_count)
    if is_people_count and parent.is_suppressed:
        # The total is hidden above, so it is hidden here; and the parts must not add up to
        # it, so at least one of them is hidden too (the smallest that is not 0).
        total = Shown(total.value, is_suppressed=True)
        if not any(part.is_suppressed for part in parts.values()):
            candidates = sorted(
                ((value, str(key), key) for key, value in values.items() if value),
                key=lambda item: (item[0], item[1]),
            )
            if candidates:
                key = candidates[0][2]
                parts[key] = Shown(values[key], is_suppressed=True)
    return parts, total


def suppress_geography(
    values_by_centre: Mapping[int, Decimal], centres: Sequence[CentreInfo], *, is_people_count: bool
) -> Geography:
    """Counties, their municipalities and their centres: each list with its total."""
    by_county: dict[str, Decimal] = defaultdict(Decimal)
    by_municipality: dict[int, Decimal] = defaultdict(Decimal)
    municipalities_of: dict[str, set[int]] = defaultdict(set)
    centres_of: dict[int, list[int]] = defaultdict(list)
    for centre in centres:
        value = values_by_centre.get(centre.id, Decimal(0))
        by_county[centre.county] += value
        by_municipality[centre.municipality_id] += value
        municipalities_of[centre.county].add(centre.municipality_id)
        centres_of[centre.municipality_id].append(centre.id)
    counties, total = suppress_line(by_county, is_people_count=is_people_count)
    municipalities: dict[int, Shown] = {}
    municipality_totals: dict[str, Shown] = {}
    for county, ids in municipalities_of.items():
        parts, municipality_totals[county] = _child_line(
            {m: by_municipality[m] for m in sorted(ids)},
            parent=counties[county],
            is_people_count=is_people_count,
        )
        municipalities.update(parts)
    centre_figures: dict[int, Shown] = {}
    centre_totals: dict[int, Shown] = {}
    for municipality_id, ids in centres_of.items():
        parts, centre_totals[municipality_id] = _child_line(
            {c: values_by_centre.get(c, Decimal(0)) for c in ids},
            parent=municipalities[municipality_id],
            is_people_count=is_people_count,
        )
        centre_figures.update(parts)
    return Geography(
        counties, total, municipalities, municipality_totals, centre_figures, centre_totals
    )


def _centre_values_by_year(federation: Federation, key: str, years: Iterable[int]):
    years = list(years)
    sums = figures.figure_sums(
        key=key,
        date_from=year_span(*years)[0],
        date_to=year_span(*years)[1],
        by=("year", "centre"),
        federation_id=federation.pk,
    )
    values: dict[int, dict[int, Decimal]] = {y: {} for y in years}
    for (year_start, centre_id), value in sums.items():
        values.setdefault(year_of(year_start), {})[centre_id] = value
    return values


REGIONS, MUNICIPALITIES, CENTRES = "regions", "municipalities", "centres"


class NotFound(Exception):
    """The county or municipality asked for has none of the federation's centres."""


@dataclass(frozen=True)
class Place:
    county: str = ""
    municipality_id: int | None = None
    municipality_label: str = ""


def geography_table(
    *,
    federation: Federation,
    key: str,
    year: int,
    level: str,
    county: str = "",
    municipality_id: int | None = None,
) -> tuple[Table, Place]:
    """One level of the drill-down for `key` in `year` (beside the year before)."""
    centres = federation_centres(federation_id=federation.pk)
    years = (year, year - 1)
    measure = measure_of(key)
    is_people = measure == PEOPLE
    values = _centre_values_by_year(federation, key, years)
    trees = [suppress_geography(values[y], centres, is_people_count=is_people) for y in years]
    base_query = {"federation": federation.slug, "key": key, "year": year}

    if level == REGIONS:
        names = sorted({c.county for c in centres}, key=nordic_sort_key)
        rows = tuple(
            Row(
                label=name,
                figures=tuple(Figure(tree.counties[name], measure) for tree in trees),
                link_query=urlencode({**base_query, "county": name}),
            )
            for name in names
        )
        total = Row(_("Total"), tuple(Figure(tree.total, measure) for tree in trees))
        place = Place()
        title = _("%(figure)s by county or region, %(year)s") % {
            "figure": key_label(key),
            "year": year,
        }
        row_header, link, stem = _("County or region"), "dashboard:municipalities", (REGIONS,)
    elif level == MUNICIPALITIES:
        if county not in {c.county for c in centres}:
            raise NotFound
        seen: dict[int, CentreInfo] = {}
        for c in centres:
            if c.county == county:
                seen.setdefault(c.municipality_id, c)
        ordered = sorted(seen.values(), key=lambda c: nordic_sort_key(c.municipality_name))
        rows = tuple(
            Row(
                label=f"{c.municipality_name} ({c.municipality_number})",
                figures=tuple(
                    Figure(tree.municipalities[c.municipality_id], measure) for tree in trees
                ),
                link_query=urlencode({**base_query, "municipality": c.municipality_id}),
            )
            for c in ordered
        )
        total = Row(
            _("Total for %(place)s") % {"place": county},
            tuple(Figure(tree.municipality_totals[county], measure) for tree in trees),
        )
        place = Place(county=county)
        title = _("%(figure)s in the municipalities of %(place)s, %(year)s") % {
            "figure": key_label(key),
            "place": county,
            "year": year,
        }
        row_header, link, stem = _("Municipality"), "dashboard:centres", (MUNICIPALITIES, county)
    else:
        here = [c for c in centres if c.municipality_id == municipality_id]
        if not here:
            raise NotFound
        label = f"{here[0].municipality_name} ({here[0].municipality_number})"
        rows = tuple(
            Row(label=c.name, figures=tuple(Figure(tree.centres[c.id], measure) for tree in trees))
            for c in here
        )
        total = Row(
            _("Total for %(place)s") % {"place": label},
            tuple(Figure(tree.centre_totals[municipality_id], measure) for tree in trees),
        )
        place = Place(
            county=here[0].county, municipality_id=municipality_id, municipality_label=label
        )
        title = _("%(figure)s in the centres of %(place)s, %(year)s") % {
            "figure": key_label(key),
            "place": label,
            "year": year,
        }
        row_header, link = _("Centre"), ""
        stem = (CENTRES, here[0].municipality_number)
    columns = tuple(str(y) for y in years)
    table = Table(
        slug=level,
        caption=title,
        row_header=row_header,
        columns=columns,
        rows=rows,
        total=total,
        file_stem=file_stem(federation, *stem, key, year),
        link_url_name=link,
        chart=bar_chart(level, title, rows, columns, unit_of(measure)),
        notes=suppression_notes(is_people),
    )
    return table, place


def ownership_table(*, federation: Federation, key: str, year: int) -> Table:
    """`key` in `year` (beside the year before) by the centres' ownership form."""
    centres = federation_centres(federation_id=federation.pk)
    form_of = {c.id: c.ownership_form for c in centres}
    years = (year, year - 1)
    measure = measure_of(key)
    is_people = measure == PEOPLE
    values = _centre_values_by_year(federation, key, years)
    lines = []
    for y in years:
        by_form = {form: Decimal(0) for form in OwnershipForm.values}
        for centre_id, value in values[y].items():
            if centre_id in form_of:
                by_form[form_of[centre_id]] += value
        lines.append(suppress_line(by_form, is_people_count=is_people))
    rows = tuple(
        Row(
            label=str(label),
            figures=tuple(Figure(parts[form], measure) for parts, _total in lines),
        )
        for form, label in OwnershipForm.choices
    )
    total = Row(_("Total"), tuple(Figure(line_total, measure) for _parts, line_total in lines))
    title = _("%(figure)s by ownership form, %(year)s") % {"figure": key_label(key), "year": year}
    columns = tuple(str(y) for y in years)
    return Table(
        slug="ownership-forms",
        caption=title,
        row_header=_("Ownership form"),
        columns=columns,
        rows=rows,
        total=total,
        file_stem=file_stem(federation, "ownership-forms", key, year),
        chart=bar_chart("ownership-forms", title, rows, columns, unit_of(measure)),
        notes=suppression_notes(is_people),
    )


def dimension_table(*, federation: Federation, key: str, year: int) -> Table:
    """`key` in `year` (beside the year before) by its dimension: activity category, target
    group or age band."""
    spec = KEYS[key]
    if spec.dimension == AGE_BAND:
        labels = {code: dimension_label(code) for code in AGE_BANDS}
        row_header, slug = _("Age"), "groups"
    elif spec.dimension == TARGET_GROUP:
        labels = {code: dimension_label(code) for code in TARGET_GROUPS}
        row_header, slug = _("Target group"), "groups"
    else:
        labels = activity_category_labels(federation_id=federation.pk)
        row_header, slug = _("Activity category"), "categories"
    years = (year, year - 1)
    is_people = spec.is_people_count
    sums = figures.figure_sums(
        key=key,
        date_from=year_span(*years)[0],
        date_to=year_span(*years)[1],
        by=("year", "dimension"),
        federation_id=federation.pk,
    )
    values = {y: {code: Decimal(0) for code in labels} for y in years}
    for (year_start, dimension), value in sums.items():
        code = dimension if dimension in labels else OTHER
        if code in labels:
            values[year_of(year_start)][code] += value
    lines = [suppress_line(values[y], is_people_count=is_people) for y in years]
    rows = tuple(
        Row(label=label, figures=tuple(Figure(parts[code], spec.measure) for parts, _t in lines))
        for code, label in labels.items()
    )
    total = Row(_("Total"), tuple(Figure(line_total, spec.measure) for _p, line_total in lines))
    # The key's own name says what it is split by (or the row header does).
    title = _("%(figure)s, %(year)s") % {"figure": key_label(key), "year": year}
    notes = list(suppression_notes(is_people))
    if spec.dimension == TARGET_GROUP:
        notes.append(_("A participant can belong to several target groups, or to none of them."))
    columns = tuple(str(y) for y in years)
    return Table(
        slug=slug,
        caption=title,
        row_header=row_header,
        columns=columns,
        rows=rows,
        total=total,
        file_stem=file_stem(federation, slug, key, year),
        chart=bar_chart(slug, title, rows, columns, unit_of(spec.measure)),
        notes=tuple(notes),
    )
