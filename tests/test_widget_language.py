"""One language on a page: the filter and create forms of a centre, read in Norwegian,
carry no English from Django's widgets, empty choices or error messages."""

import pytest

# Text Django and its libraries put into forms, in English.
ENGLISH_WIDGET_TEXT = (
    "Select an option",
    "This field is required",
    "Select a valid choice",
    "Enter a valid",
    "Enter a number",
    "Enter a whole number",
    "Currently:",
    "Clear</label>",
    ">Unknown<",
    ">Yes<",
    ">No<",
    "Hold down",
    "Ensure this value",
)

FILTER_PAGES = (
    "/people/volunteers/",
    "/people/participants/",
    "/help/",
    "/activities/",
    "/hours/",
    "/hours/totals/",
    "/staff/audit/",
)
CREATE_PAGES = (
    "/people/volunteers/new/",
    "/people/participants/new/",
    "/people/skills/",
    "/people/areas/",
    "/help/new/",
    "/help/types/",
    "/activities/new/",
    "/hours/log/",
    "/staff/members/invite/",
    "/staff/tokens/",
)


def _english_in(text: str) -> list[str]:
    return [phrase for phrase in ENGLISH_WIDGET_TEXT if phrase in text]


@pytest.mark.parametrize("url", FILTER_PAGES + CREATE_PAGES)
def test_forms_read_in_norwegian(centre_admin_client, url):
    response = centre_admin_client.get(url)
    assert response.status_code == 200
    assert 'lang="nb"' in response.text
    assert _english_in(response.text) == []


@pytest.mark.parametrize("url", CREATE_PAGES)
def test_refused_forms_explain_in_norwegian(centre_admin_client, url):
    response = centre_admin_client.post(url, {"weekday": "x", "hours": "x", "capacity": "x"})
    assert response.status_code in (200, 302, 400)
    assert _english_in(response.text) == []
