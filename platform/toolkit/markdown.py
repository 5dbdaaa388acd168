"""Text that staff write in Markdown, turned into HTML that is safe to show to anyone.

markdown-it-py (CommonMark, raw HTML off) renders; nh3 (Rust's ammonia) then keeps only the
tags and attributes below, so a `<script>`, an `onclick` or a `javascript:` link can never
reach a page, whatever the renderer lets through. Headings run from level 2 to 4 (a `#`
heading becomes h2): the page's title is its only h1.
"""

from __future__ import annotations

import re

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = frozenset(
    {
        "p", "br", "hr", "h2", "h3", "h4", "strong", "em", "code", "pre", "blockquote",
        "ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th", "td",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}, "ol": {"start"}}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})

_renderer = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")
_HEADING = re.compile(r"<(/?)h([1-6])\b")


def _demote(match: re.Match) -> str:
    return f"<{match.group(1)}h{min(max(int(match.group(2)), 2), 4)}"


def markdown_to_safe_html(text: str) -> str:
    """The Markdown `text` as sanitised HTML (headings from h2, no scripts, no images)."""
    html = _HEADING.sub(_demote, _renderer.render(text or ""))
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer nofollow",
    )
