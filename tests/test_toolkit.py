"""The shared toolkit: what every app relies on when it shows an error, a page of a list,
a spreadsheet or a name in the reader's language."""

from __future__ import annotations

import csv
import io

import pytest
from django import forms
from django.template.loader import render_to_string
from django.test import RequestFactory, override_settings
from django.utils import translation
from openpyxl import Workbook, load_workbook
from rest_framework.exceptions import PermissionDenied, ValidationError

from toolkit.errors import ApplicationError, api_error, form_add_error
from toolkit.exports import csv_file, safe_text, text_cell, workbook_file
from toolkit.i18n import language_field, localized
from toolkit.pagination import paginate


class _Form(forms.Form):
    hours = forms.CharField()
    date = forms.CharField()


def test_an_error_shows_at_its_field_or_above_the_form():
    form = _Form(data={"hours": "1", "date": "x"})
    form.is_valid()
    form_add_error(form, ApplicationError("Too many hours.", field="hours"))
    form_add_error(form, ApplicationError("Not today.", field="unknown_field"))
    assert form.errors["hours"] == ["Too many hours."]
    assert form.non_field_errors() == ["Not today."]


def test_several_errors_each_reach_their_field_and_names_can_be_mapped():
    form = _Form(data={"hours": "1", "date": "x"})
    form.is_valid()
    error = ApplicationError(errors={"amount": "Give at most 24.", "day": "Not in the future."})
    form_add_error(form, error, fields={"amount": "hours", "day": "date"})
    assert form.errors["hours"] == ["Give at most 24."]
    assert form.errors["date"] == ["Not in the future."]
    assert error.message == "Give at most 24."


def test_the_api_answers_a_domain_error_like_a_validation_error():
    answer = api_error(ApplicationError("Full.", field="shift"))
    assert isinstance(answer, ValidationError)
    assert answer.status_code == 400
    assert answer.detail == {"shift": ["Full."]}
    assert api_error(ApplicationError("Closed.")).detail == {"non_field_errors": ["Closed."]}


def test_an_error_class_can_answer_with_its_own_status():
    class NotYours(ApplicationError):
        http_status = 403

    assert isinstance(api_error(NotYours("Not yours.")), PermissionDenied)


def test_pages_keep_the_filters_of_the_list():
    request = RequestFactory().get("/list/", {"status": "open", "page": "2"})
    page = paginate(request, list(range(60)), per_page=25)
    assert list(page) == list(range(25, 50))
    html = render_to_string("toolkit/_pagination.html", {"page": page}, request=request)
    assert 'href="?status=open&amp;page=1"' in html
    assert 'href="?status=open&amp;page=3"' in html
    assert "Page 2 of 3" in html


def test_a_page_past_the_end_is_the_last_page():
    request = RequestFactory().get("/list/", {"page": "99"})
    assert paginate(request, list(range(30)), per_page=25).number == 2


@pytest.mark.parametrize("text", ["=SUM(A1)", "+47 1", "-2", "@cmd", "\tx"])
def test_exports_never_start_a_formula(text):
    assert safe_text(text) == "'" + text
    exported = csv_file(stem="names", rows=[["Name", "Hours"], [text, 1.5]])
    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert rows[1] == ["'" + text, "1.5"]
    assert exported.filename == "names.csv"
    assert exported.content.startswith("\ufeff".encode())

    workbook = Workbook()
    text_cell(workbook.active, 1, 1, text)
    saved = load_workbook(io.BytesIO(workbook_file(workbook, stem="names").content))
    cell = saved.active.cell(1, 1)
    assert cell.value == text
    assert cell.data_type == "s"


class _Category:
    name_nb, name_da, name_en = "Besøksvenn", "Besøgsven", "Visiting friend"


def test_names_follow_the_reader_language():
    with translation.override("da"):
        assert localized(_Category()) == "Besøgsven"
        assert language_field("category__name") == "category__name_da"
    with translation.override("nb"):
        assert localized(_Category()) == "Besøksvenn"
    assert localized(_Category(), language="sv") == "Visiting friend"


@override_settings(LANGUAGES=[("nb", "Norsk"), ("en", "English")])
def test_a_language_not_configured_falls_back_to_the_default():
    with translation.override("da"):
        assert localized(_Category()) == "Visiting friend"
