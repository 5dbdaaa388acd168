"""One page of a list. Templates show it with `{% include "toolkit/_pagination.html" %}`.

One query-string convention: the page number is `page`, and every other parameter of the
request (the list's filters) is kept, with Django's `{% querystring %}` tag.
"""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.http import HttpRequest

PAGE_SIZE = 25


def paginate(request: HttpRequest, items, *, per_page: int = PAGE_SIZE) -> Page:
    """The page of `items` that `?page=` asks for (the last one when it is past the end)."""
    return Paginator(items, per_page).get_page(request.GET.get("page"))
