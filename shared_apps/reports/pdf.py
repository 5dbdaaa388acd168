"""A submitted annual report as an A4 PDF, in the language of the centre's federation.

The PDF is the document that leaves the centre (federation, municipality), so people counts
in it are suppressed like on the shared pages, whoever downloads it. Nothing is fetched
while rendering: the HTML holds no links to load and the fetcher refuses every address.
"""

from __future__ import annotations

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
from toolkit.pdf import pdf_from_html

STYLESHEET = Path(__file__).with_name("pdf_style.css")


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
    with translation.override(report_language(snapshot)):
        content = pdf_from_html(
            snapshot_pdf_html(snapshot),
            stylesheets=[STYLESHEET.read_text(encoding="utf-8")],
        )
    return ReportPdf(filename=snapshot_pdf_filename(snapshot), content=content)
