"""The toolkit's list table (toolkit/_table.html): one accessible scroll region for every
list, with the caption, header and row cells each page gives it."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.template import engines
from django.template.loader import render_to_string
from django.test import RequestFactory

_engine = engines["django"]
HEAD = _engine.from_string('<th scope="col">Name</th>').template
ROW = _engine.from_string('<th scope="row">{{ item }}</th>').template


def _table(**context) -> str:
    return render_to_string(
        "toolkit/_table.html", {"head": HEAD, "row": ROW, "table_id": "things", **context}
    )


def test_rows_in_a_named_scroll_region_with_a_hidden_caption():
    html = _table(rows=["Ada", "Bo"], caption="Things")
    region = 'class="table-scroll" role="region" aria-labelledby="things-caption" tabindex="0"'
    assert region in html
    assert '<table class="staff-table">' in html
    assert '<caption id="things-caption" class="visually-hidden">Things</caption>' in html
    assert '<tr><th scope="col">Name</th></tr>' in html
    assert '<tr><th scope="row">Ada</th></tr>' in html and "Bo" in html


def test_a_visible_caption_another_class_or_none():
    html = _table(rows=["Ada"], caption="Things", caption_visible=True, table_class="")
    assert '<caption id="things-caption">Things</caption>' in html
    assert "<table>" in html
    assert 'class="report-table"' in _table(rows=["Ada"], caption="T", table_class="report-table")


def test_no_rows_says_the_empty_text_or_nothing():
    assert "<table" not in _table(rows=[], caption="Things", empty="Nothing yet.")
    assert "<p>Nothing yet.</p>" in _table(rows=[], caption="Things", empty="Nothing yet.")
    assert _table(rows=[], caption="Things").strip() == ""


def test_an_empty_table_can_keep_its_header_and_say_so_in_a_row():
    html = _table(rows=[], caption="Things", empty="None.", empty_colspan=3)
    assert '<tr><td colspan="3">None.</td></tr>' in html
    assert "<p>None.</p>" not in html


def test_a_table_without_caption_is_named_by_a_heading():
    html = _table(rows=["Ada"], labelledby="section-heading")
    assert 'aria-labelledby="section-heading"' in html
    assert "<caption" not in html


def test_page_links_only_for_a_page_of_a_longer_list():
    page = Paginator(list(range(30)), 10).page(2)
    request = RequestFactory().get("/things/", {"page": 2})
    html = render_to_string(
        "toolkit/_table.html",
        {"head": HEAD, "row": ROW, "table_id": "t", "caption": "T", "rows": page, "page": page},
        request=request,
    )
    assert 'class="pagination"' in html and "Page 2 of 3" in html
    assert 'class="pagination"' not in _table(rows=["Ada"], caption="T")
