"""The value of an hour of volunteer work: a default per currency, changed by the federation's
administrators only, with errors in the reader's language."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.conf import settings

from shared_apps.accounts.models import FederationMembership
from shared_apps.dashboard.models import DashboardSettings
from shared_apps.dashboard.selectors import hour_value_of
from shared_apps.dashboard.services import hour_value_update
from shared_apps.dashboard.tests.helpers import give_figures, row, rows_by_label, tables_of
from tests.plugin import host_client, in_english, sign_in
from toolkit.errors import ApplicationError

URL = "/federation/statistics/hour-value/"


def stored(federation) -> Decimal | None:
    return (
        DashboardSettings.objects.filter(federation=federation)
        .values_list("hour_value", flat=True)
        .first()
    )


def test_the_default_is_nok_500_and_dkk_200(nfs, frise):
    assert hour_value_of(federation=nfs) == Decimal("500")
    assert hour_value_of(federation=frise) == Decimal("200")


def test_an_admin_changes_the_value_and_the_dashboard_uses_it(admin, nfs, centre):
    give_figures(centre, row("hours.total", 10))
    page = admin.get(URL)
    assert "Now: 500 NOK an hour." in page.text

    response = admin.post(URL, {"federation": "test-nfs", "hour_value": "450.50"})

    assert response.status_code == 302
    assert stored(nfs) == Decimal("450.50")
    assert "The value of an hour is saved." in admin.get(response["Location"]).text
    key_figures = rows_by_label(
        tables_of(admin.get("/federation/statistics/").text)["key-figures-caption"]
    )
    assert key_figures["Value of volunteer work (NOK)"] == ["4,505 NOK", "0 NOK"]


def test_an_analyst_can_neither_see_nor_post_the_form(analyst, nfs):
    assert analyst.get(URL).status_code == 403
    response = analyst.post(URL, {"federation": "test-nfs", "hour_value": "900"})

    assert response.status_code == 403
    assert stored(nfs) is None
    assert "Change the value of an hour" not in analyst.get("/federation/statistics/").text


def test_an_admin_of_one_federation_and_analyst_of_another_cannot_change_the_other(
    make_user, nfs, frise
):
    user = make_user()
    FederationMembership.objects.create(user=user, federation=nfs, role="federation_admin")
    FederationMembership.objects.create(user=user, federation=frise, role="federation_analyst")
    client = in_english(sign_in(host_client(settings.PLATFORM_DOMAIN), user))

    response = client.post(URL, {"federation": "test-frise", "hour_value": "300"})

    assert response.status_code == 403
    assert stored(frise) is None


def test_another_federation_is_not_found(admin, frise):
    response = admin.post(URL, {"federation": "test-frise", "hour_value": "300"})

    assert response.status_code == 404
    assert stored(frise) is None


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("-5", "Ensure this value is greater than or equal to 0.01."),
        ("0", "Ensure this value is greater than or equal to 0.01."),
        ("abc", "Enter a number."),
        ("12.345", "Ensure that there are no more than 2 decimal places."),
        ("100001", "Ensure this value is less than or equal to 100000."),
        ("", "Enter the value of one hour."),
    ],
)
def test_invalid_input_shows_an_error_and_changes_nothing(admin, nfs, value, message):
    DashboardSettings.objects.create(federation=nfs, hour_value=Decimal("480"))

    response = admin.post(URL, {"federation": "test-nfs", "hour_value": value})

    assert response.status_code == 400
    assert message in response.text
    assert 'aria-invalid="true"' in response.text
    assert stored(nfs) == Decimal("480")


def test_errors_are_in_the_readers_language(federation_client, nfs):
    federation_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nb"

    response = federation_client.post(URL, {"federation": "test-nfs", "hour_value": "abc"})

    assert response.status_code == 400
    assert "Oppgi et tall." in response.text
    assert stored(nfs) is None


def test_the_service_refuses_an_analyst_and_values_out_of_range(make_user, nfs, federation_admin):
    analyst = make_user()
    FederationMembership.objects.create(user=analyst, federation=nfs, role="federation_analyst")
    with pytest.raises(ApplicationError, match="Only an administrator"):
        hour_value_update(federation=nfs, hour_value=Decimal("600"), changed_by=analyst)
    with pytest.raises(ApplicationError, match="more than 0"):
        hour_value_update(federation=nfs, hour_value=Decimal("0"), changed_by=federation_admin)
    with pytest.raises(ApplicationError, match="at most 100,000"):
        hour_value_update(
            federation=nfs, hour_value=Decimal("100000.01"), changed_by=federation_admin
        )
    assert stored(nfs) is None

    hour_value_update(federation=nfs, hour_value=Decimal("650"), changed_by=federation_admin)
    assert stored(nfs) == Decimal("650")
