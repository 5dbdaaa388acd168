"""The demo year of hours: about the size asked, spread out, quick to make."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import connection
from django.db.models import Count, Max, Min, Sum
from django.test.utils import CaptureQueriesContext

from tenant_apps.hours.demo import load_demo_hours
from tenant_apps.hours.models import HoursEntry
from tenant_apps.hours.tests.factories import (
    days_ago,
    make_activity,
    make_assignment,
    make_session,
    make_shift,
    sign_up,
    today,
)
from tests.factories import make_volunteer


def centre_with_people_and_sessions():
    volunteers = [make_volunteer(f"Person{number}") for number in range(40)]
    cafe = make_activity("Language café")
    for weeks in range(1, 40):
        session = make_session(cafe, days_ago(7 * weeks))
        shift = make_shift(session, capacity=2)
        sign_up(shift, volunteers[weeks % 40])
        sign_up(shift, volunteers[(weeks + 1) % 40])
    make_assignment(volunteers[5], started_on=days_ago(200))
    return volunteers


def test_a_year_of_hours_in_a_few_bulk_queries(inside):
    with inside():
        centre_with_people_and_sessions()
        with CaptureQueriesContext(connection) as captured:
            load_demo_hours(seed=7, year_hours=7000)
        made = HoursEntry.objects.aggregate(hours=Sum("hours"), entries=Count("id"))
        by_status = dict(
            HoursEntry.objects.values_list("status").annotate(n=Count("id")).order_by()
        )
        dates = HoursEntry.objects.aggregate(
            first=Min("date"),
            last=Max("date"),
        )
        per_session = (
            HoursEntry.objects.filter(session__isnull=False)
            .values("session", "volunteer")
            .annotate(n=Count("id"))
            .filter(n__gt=1)
            .count()
        )
        kinds = {
            "sessions": HoursEntry.objects.filter(session__isnull=False).count(),
            "assignments": HoursEntry.objects.filter(assignment__isnull=False).count(),
            "categories": HoursEntry.objects.values("category").distinct().count(),
        }

    queries = [q for q in captured if not q["sql"].startswith("SET search_path")]
    assert len(queries) < 25
    assert Decimal(7000) <= made["hours"] < Decimal(7012)
    assert 0 < by_status["submitted"] <= 12
    assert by_status["approved"] == made["entries"] - by_status["submitted"]
    assert today() - datetime.timedelta(days=365) <= dates["first"] and dates["last"] <= today()
    assert per_session == 0
    assert kinds["sessions"] == 78  # every confirmed volunteer of every past session
    assert kinds["assignments"] > 0
    assert kinds["categories"] >= 4


def test_the_demo_leaves_existing_hours_alone(inside):
    with inside():
        centre_with_people_and_sessions()
        load_demo_hours(seed=1, year_hours=300)
        first = HoursEntry.objects.count()
        load_demo_hours(seed=2, year_hours=300)
        assert HoursEntry.objects.count() == first


def test_the_demo_is_repeatable_with_the_same_seed(inside):
    def make(seed: int) -> list:
        with inside():
            HoursEntry.objects.all().delete()
            load_demo_hours(seed=seed, year_hours=400)
            return list(
                HoursEntry.objects.order_by(
                    "date", "volunteer__first_name", "hours", "category"
                ).values_list("date", "volunteer__first_name", "hours", "category")
            )

    with inside():
        centre_with_people_and_sessions()
    assert make(3) == make(3)
