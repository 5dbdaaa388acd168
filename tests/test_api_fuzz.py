"""The centre API fuzzed from its own OpenAPI schema (schemathesis): every operation, with the
token of each staff role, answers no 5xx and only what the schema documents.

In process, through the WSGI application (no server, no network), inside the test's
transaction: what the fuzzing writes is rolled back. Hypothesis runs derandomized (a fixed
seed), without its example database and without shrinking, a bounded number of examples per
operation and generation mode, so the run takes the same time and finds the same cases every
time. Every failure of every operation is collected and reported at once.
"""

from __future__ import annotations

import datetime
import logging
import os
import time
from collections import Counter

import pytest
import schemathesis
from django.conf import settings
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.utils import timezone
from django_tenants.utils import schema_context
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    response_schema_conformance,
    status_code_conformance,
)

from shared_apps.accounts import facade
from tests.factories import make_volunteer

# Examples per operation, role and generation mode (positive: valid input; negative:
# invalid). Raise it for a deeper run: API_FUZZ_EXAMPLES=100 ./manage.py test tests/test_api_fuzz.py
EXAMPLES = int(os.environ.get("API_FUZZ_EXAMPLES", "7"))
CHECKS = [not_a_server_error, response_schema_conformance, status_code_conformance]


@pytest.fixture
def wsgi_application():
    """Django's WSGI application on the test's own connection: a request must not close the
    connection (and with it the test's transaction) when it starts or ends, as Django's test
    client ensures too."""
    from config.wsgi import application

    def on_test_connection(environ, start_response):
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        try:
            response = application(environ, start_response)
            try:
                return list(response)
            finally:
                response.close()  # sends request_finished
        finally:
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)

    return on_test_connection


def _seed(centre) -> None:
    """A little of everything, so that the ids the fuzzer tries sometimes exist."""
    from tenant_apps.activities.models import Activity, ActivityCategory, Session, Shift
    from tenant_apps.helprequests.models import HelpRequest, RequestType
    from tenant_apps.hours.models import HoursEntry
    from tenant_apps.people.models import Participant

    today = timezone.localdate()
    with schema_context(centre.schema_name):
        category = ActivityCategory.objects.order_by("pk").first()
        for number in range(1, 4):
            volunteer = make_volunteer()
            participant = Participant.objects.create(first_name=f"Per{number}", last_name="Son")
            activity = Activity.objects.create(
                name=f"Café {number}",
                category=category,
                first_date=today,
                start_time=datetime.time(10, 0),
                end_time=datetime.time(12, 0),
            )
            session = Session.objects.create(
                activity=activity,
                date=today,
                start_time=activity.start_time,
                end_time=activity.end_time,
            )
            Shift.objects.create(session=session, name="Host", capacity=2)
            HelpRequest.objects.create(
                participant=participant,
                request_type=RequestType.objects.order_by("pk").first(),
                opened_at=timezone.now(),
            )
            HoursEntry.objects.create(volunteer=volunteer, category=category, date=today, hours=2)


@pytest.fixture
def tokens(centre, centre_admin, coordinator):
    """role → an API token of that role at `centre`."""
    return {
        "centre_admin": facade.api_token_create(
            user_id=centre_admin.pk, centre_id=centre.pk, name="fuzz", two_factor_passed=True
        ).key,
        "coordinator": facade.api_token_create(
            user_id=coordinator.pk, centre_id=centre.pk, name="fuzz", two_factor_passed=True
        ).key,
    }


def _failure_summary(error: BaseException, response) -> str:
    """One line per kind of failure: the check that failed, its first lines, the status."""
    parts = []
    for failure in getattr(error, "exceptions", None) or [error]:
        lines = [line.strip() for line in str(failure).splitlines() if line.strip()]
        parts.append(f"{type(failure).__name__}: {' | '.join(lines[:4])[:240]}")
    return f"[{response.status_code}] " + "; ".join(parts)


def _fuzz(operation, mode, *, base_url: str, headers: dict) -> Counter:
    """Run one operation's examples of one generation mode: "ok" and each failure, counted."""
    outcomes: Counter = Counter()

    @hypothesis_settings(
        max_examples=EXAMPLES,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case):
        cache.clear()  # the fuzzer is not what the throttle is about
        response = case.call(base_url=base_url, headers=headers)
        try:
            case.validate_response(response, checks=CHECKS, headers=headers)
        except (AssertionError, BaseExceptionGroup) as error:  # collected, never shrunk
            outcomes[_failure_summary(error, response)] += 1
        else:
            outcomes["ok"] += 1

    run()
    return outcomes


@pytest.fixture
def quiet_request_log():
    """Thousands of 400s and 404s are the point here; a 500 is still logged."""
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.ERROR)
    yield
    logger.setLevel(level)


def test_every_operation_answers_without_server_errors_and_as_documented(
    centre, centre_client, tokens, wsgi_application, quiet_request_log
):
    _seed(centre)
    base_url = f"http://{centre.slug}.{settings.PLATFORM_DOMAIN}"
    auth = {"Authorization": f"Bearer {tokens['centre_admin']}"}
    raw = centre_client.get("/api/v1/schema/?format=json", HTTP_AUTHORIZATION=auth["Authorization"])
    assert raw.status_code == 200
    schema = schemathesis.openapi.from_dict(raw.json())
    schema.app = wsgi_application

    operations = [result.ok() for result in schema.get_all_operations()]
    failures: dict[str, Counter] = {}
    cases = 0
    started, started_cpu = time.monotonic(), time.process_time()
    for role, key in tokens.items():
        headers = {"Authorization": f"Bearer {key}"}
        for operation in operations:
            for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
                label = f"{role} {operation.label} [{mode.value}]"
                found = _fuzz(operation, mode, base_url=base_url, headers=headers)
                cases += found.total()
                del found["ok"]
                if found:
                    failures[label] = found
    elapsed, cpu = time.monotonic() - started, time.process_time() - started_cpu
    print(
        f"\nfuzzed {len(operations)} operations, {cases} cases in {elapsed:.1f} s "
        f"({cpu:.1f} s of CPU)"
    )
    report = "\n".join(
        f"{label}: {count}× {summary}"
        for label, counter in sorted(failures.items())
        for summary, count in counter.most_common()
    )
    assert not failures, report
