"""The demo help requests look like a year of real work and keep the rules of the services."""

import datetime

import pytest
from django.db import transaction
from django.utils import timezone

from tenant_apps.helprequests.demo import NOTES, load_demo_help_requests
from tenant_apps.helprequests.models import Assignment, FollowUpNote, HelpRequest, RequestType

pytestmark = pytest.mark.usefixtures("in_centre")


@pytest.fixture
def people(make):
    areas = ["Sentrum", "Nordbyen", "Sørbyen"]
    volunteers = [
        make.volunteer(f"V{n}", areas=[areas[n % 3]], certificate=n % 3 == 0) for n in range(12)
    ]
    make.volunteer("Paused", status="paused")
    participants = [make.participant(f"P{n}", area=make.area(areas[n % 3])) for n in range(15)]
    return volunteers, participants


def signature():
    return list(
        HelpRequest.objects.order_by("id").values_list(
            "status", "request_type__code", "participant__first_name", "requires_certificate"
        )
    )


class Rollback(Exception):
    pass


def test_the_same_seed_gives_the_same_requests(people):
    try:
        with transaction.atomic():
            load_demo_help_requests(seed=7, count=20)
            first = signature()
            raise Rollback
    except Rollback:
        pass
    load_demo_help_requests(seed=7, count=20)
    assert signature() == first


def test_demo_requests_span_a_year_and_keep_the_rules(people):
    now = timezone.now()

    load_demo_help_requests(seed=3, count=40, language="nb")

    requests = list(HelpRequest.objects.prefetch_related("assignments__volunteer"))
    assert len(requests) == 40
    assert RequestType.objects.count() >= 7
    assert {r.status for r in requests} >= {"new", "active", "closed"}
    assert min(r.opened_at for r in requests) > now - datetime.timedelta(days=366)
    assert len({r.request_type.code for r in requests}) >= 5
    for help_request in requests:
        current = [a for a in help_request.assignments.all() if a.ended_on is None]
        if help_request.status in ("matched", "active", "paused"):
            assert len(current) == 1, help_request.status
            assert current[0].volunteer.status == "active"
            assert help_request.matched_at >= help_request.opened_at
        else:
            assert current == []
        if help_request.activated_at:
            assert help_request.activated_at >= help_request.matched_at
        if help_request.closed_at:
            assert help_request.closed_at >= help_request.opened_at
        if help_request.requires_certificate:
            for assignment in help_request.assignments.all():
                assert assignment.volunteer.certificate_records.exists()
    assert Assignment.objects.filter(ended_on__isnull=False).exists()
    notes = list(FollowUpNote.objects.values_list("text", flat=True))
    assert notes
    assert set(notes) <= set(NOTES["nb"])  # in the centre's language


def test_loading_again_changes_nothing(people):
    load_demo_help_requests(seed=1, count=10)
    load_demo_help_requests(seed=2, count=10)
    assert HelpRequest.objects.count() == 10
