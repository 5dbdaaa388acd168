"""{% chart chart %} and {% figures_table table %}: a dashboard chart as inline SVG, and a
dashboard table as HTML, both built in Python (the main page must render in a few
milliseconds; a template loop over every cell would take several times as long)."""

from html import escape

from django import template
from django.urls import reverse
from django.utils.safestring import mark_safe

from shared_apps.dashboard.charts import Chart, render_chart
from shared_apps.dashboard.tables import Row, Table

register = template.Library()


@register.simple_tag
def chart(value: Chart | None):
    """The chart's SVG, or nothing when there is no chart."""
    if value is None:
        return ""
    return render_chart(value)


def _cells(row: Row) -> str:
    return "".join(f'<td class="dashboard-number">{escape(str(f))}</td>' for f in row.figures)


@register.simple_tag
def figures_table(table: Table | None):
    """The table with its caption, column and row headers, total row and notes."""
    if table is None:
        return ""
    slug = escape(table.slug)
    link = reverse(table.link_url_name) if table.link_url_name else ""
    parts = [
        f'<div class="table-scroll" tabindex="0" role="region" aria-labelledby="{slug}-caption">'
        f'<table class="dashboard-table"><caption id="{slug}-caption">{escape(table.caption)}'
        f'</caption><thead><tr><th scope="col">{escape(table.row_header)}</th>'
    ]
    parts += [f'<th scope="col" class="dashboard-number">{escape(c)}</th>' for c in table.columns]
    parts.append("</tr></thead><tbody>")
    for row in table.rows:
        label = escape(row.label)
        if link and row.link_query:
            label = f'<a href="{escape(link)}?{escape(row.link_query)}">{label}</a>'
        parts.append(f'<tr><th scope="row">{label}</th>{_cells(row)}</tr>')
    parts.append("</tbody>")
    if table.total is not None:
        parts.append(
            f'<tfoot><tr><th scope="row">{escape(table.total.label)}</th>'
            f"{_cells(table.total)}</tr></tfoot>"
        )
    parts.append("</table></div>")
    parts += [f'<p class="muted dashboard-note">{escape(note)}</p>' for note in table.notes]
    return mark_safe("".join(parts))  # every text escaped above
