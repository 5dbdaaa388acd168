"""PDF documents from HTML with WeasyPrint, fetching nothing while rendering.

The HTML must hold no links to load: the fetcher refuses every address, so a name or text
typed by someone can never make the server fetch a URL.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.utils.translation import gettext as _

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


def pdf_from_html(html: str, *, stylesheets: Iterable[str] = ()) -> bytes:
    """The HTML as PDF bytes, styled by the CSS texts given, page numbers in the active
    language at the bottom right."""
    from weasyprint import CSS, HTML
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols=())
    page_numbers = f"@page {{ @bottom-right {{ content: {page_counter_content()}; }} }}"
    styles = [CSS(string=text, url_fetcher=fetcher) for text in [*stylesheets, page_numbers]]
    return HTML(string=html, url_fetcher=fetcher).write_pdf(stylesheets=styles)
