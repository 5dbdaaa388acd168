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


def test_csv_opens_as_columns_in_the_reader_spreadsheet():
    from decimal import Decimal

    rows = [["Navn", "Timer"], ["Kari", Decimal("1.50")], ["Ola", 7]]
    with translation.override("nb"):
        norwegian = csv_file(stem="timer", rows=rows).content.decode("utf-8-sig")
    with translation.override("da"):
        danish = csv_file(stem="timer", rows=rows).content.decode("utf-8-sig")
    with translation.override("en"):
        english = csv_file(stem="hours", rows=rows).content.decode("utf-8-sig")
    assert norwegian.splitlines() == ["Navn;Timer", "Kari;1,50", "Ola;7"]
    assert danish == norwegian
    assert english.splitlines() == ["Navn,Timer", "Kari,1.50", "Ola,7"]


def test_thousands_are_never_grouped_in_csv():
    with translation.override("nb"):
        content = csv_file(stem="x", rows=[[12345.5]]).content.decode("utf-8-sig")
    assert content.strip() == "12345,5"


@pytest.mark.parametrize(
    ("language", "typed", "stored"),
    [("nb", "1,5", "1.5"), ("da", "1,5", "1.5"), ("nb", "1.5", "1.5"), ("en", "1.5", "1.5")],
)
def test_decimal_fields_read_the_decimal_mark_people_type(language, typed, stored):
    from decimal import Decimal

    from toolkit.forms import LocalizedDecimalField

    class HoursForm(forms.Form):
        hours = LocalizedDecimalField(max_digits=4, decimal_places=2)

    with translation.override(language):
        form = HoursForm(data={"hours": typed})
        assert form.is_valid(), form.errors
    assert form.cleaned_data["hours"] == Decimal(stored)
    assert 'inputmode="decimal"' in str(form["hours"])
    assert 'type="number"' not in str(form["hours"])


@pytest.mark.parametrize(
    ("typed", "region", "stored", "shown"),
    [
        ("912 34 567", "NO", "+4791234567", "91 23 45 67"),
        ("+47 912 34 567", "DK", "+4791234567", "+47 91 23 45 67"),
        ("20123456", "DK", "+4520123456", "20 12 34 56"),
    ],
)
def test_phone_numbers_are_checked_and_stored_in_one_form(typed, region, stored, shown):
    from toolkit.forms import PhoneNumberField

    class ContactForm(forms.Form):
        phone = PhoneNumberField(region=region, required=False)

    form = ContactForm(data={"phone": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["phone"] == stored
    from toolkit.forms import phone_number_display

    assert phone_number_display(stored, region=region) == shown


def test_a_phone_field_refuses_letters():
    from toolkit.forms import PhoneNumberField

    class ContactForm(forms.Form):
        phone = PhoneNumberField(required=False)

    form = ContactForm(data={"phone": "abc"})
    assert not form.is_valid()
    assert "phone number" in form.errors["phone"][0]


def test_dates_are_written_the_language_way():
    import datetime

    day = datetime.date(2026, 12, 9)
    from toolkit.formats import weekday_date

    with translation.override("nb"):
        assert weekday_date(day, with_year=False) == "onsdag 9. desember"
        assert weekday_date(day, with_year=True) == "onsdag 9. desember 2026"
    with translation.override("da"):
        assert weekday_date(day, with_year=False) == "onsdag den 9. december"
    with translation.override("en"):
        assert weekday_date(day, with_year=False) == "Wednesday 9 December"
