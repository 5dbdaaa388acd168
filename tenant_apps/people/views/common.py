"""Helpers shared by the people pages."""

from __future__ import annotations

from django import forms
from django.core.paginator import Page, Paginator
from django.http import HttpRequest

from toolkit.errors import ApplicationError

PAGE_SIZE = 25


def add_error(form: forms.Form, error: ApplicationError) -> None:
    """Show a service's error at the field it is about (or above the form)."""
    form.add_error(error.field if error.field in form.fields else None, error.message)


def paginate(request: HttpRequest, items) -> tuple[Page, str]:
    """One page of `items`, and the query string of the filters without the page number."""
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()
