"""A submitted annual report as an A4 PDF, in the language of the centre's federation.

The PDF is the document that leaves the centre (federation, municipality), so people counts
in it are suppressed like on the shared pages, whoever downloads it. Nothing is fetched
while rendering: the HTML holds no links to load and the fetcher refuses every address.
"""

from __future__ import annotations

import re
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from shared_apps.reports.contracts import ReportPdf
from shared_apps.reports.layout import report_figures
from shared_apps.reports.models import AnnualReportSnapshot
from shared_apps.reports.selectors import snapshot_figures
from shared_apps.statistics.selectors import category_names

STYLESHEET = Path(__file__).with_name("pdf_style.css")
PLACEHOLDER = re.compile(r"%\((page|pages)\)s")


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def page_counter_content() -> str:
    """CSS `content` for "Page 2 of 5" in the active language."""
    parts = []
    text = _("Page %(page)s of %(pages)s")
    position = 0
    for match in PLACEHOLDER.finditer(text):
        if match.start() > position:
            parts.append(_css_string(text[position : match.start()]))
        parts.append(f"counter({match.group(1)})")
        position = match.end()
    if position < len(text):
        parts.append(_css_string(text[position:]))
    return " ".join(parts)


def report_language(snapshot: AnnualReportSnapshot) -> str:
    return snapshot.centre.federation.default_language


def snapshot_pdf_html(snapshot: AnnualReportSnapshot) -> str:
    """The HTML the PDF is made from, in the federation's language."""
    centre = snapshot.centre
    language = report_language(snapshot)
    with translation.override(language):
        figures = report_figures(
            snapshot_figures(snapshot),
            category_names=category_names(federation_id=centre.federation_id, language=language),
            suppress=True,
        )
        return render_to_string(
            "reports/pdf.html",
            {
                "snapshot": snapshot,
                "centre": centre,
                "figures": figures,
                "language": language,
            },
        )


def snapshot_pdf_filename(snapshot: AnnualReportSnapshot) -> str:
    with translation.override(report_language(snapshot)):
        name = slugify(_("annual report"))
    return f"{name}-{snapshot.centre.slug}-{snapshot.year}.pdf"


def snapshot_pdf(snapshot: AnnualReportSnapshot) -> ReportPdf:
    """The submitted report as PDF bytes, with a file name in the federation's language."""
    from weasyprint import CSS, HTML
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols=())
    with translation.override(report_language(snapshot)):
        page_numbers = f"@page {{ @bottom-right {{ content: {page_counter_content()}; }} }}"
    stylesheets = [
        CSS(string=STYLESHEET.read_text(encoding="utf-8"), url_fetcher=fetcher),
        CSS(string=page_numbers, url_fetcher=fetcher),
    ]
    document = HTML(string=snapshot_pdf_html(snapshot), url_fetcher=fetcher)
    return ReportPdf(
        filename=snapshot_pdf_filename(snapshot),
        content=document.write_pdf(stylesheets=stylesheets),
    )
