"""The public site's demo data (offers to volunteer, public help requests, sign-ups, the
award) fills a centre once, keeps the rules, and shows on the public and staff pages."""

from __future__ import annotations

from datetime import timedelta

from django_tenants.utils import schema_context

from tenant_apps.activities.demo import public_signups_demo
from tenant_apps.activities.models import Activity, SessionSignup
from tenant_apps.activities.tests.factories import make_activity, make_session, today
from tenant_apps.award.demo import award_demo
from tenant_apps.award.models import AwardRound, Nomination
from tenant_apps.helprequests.demo import public_help_requests_demo
from tenant_apps.helprequests.models import HelpRequest
from tenant_apps.people.demo import volunteer_applications_demo
from tenant_apps.people.models import Volunteer
from tenants.contracts import CentreDemo


def demo_of(centre) -> CentreDemo:
    return CentreDemo(
        centre_id=centre.pk,
        slug=centre.slug,
        name=centre.name,
        country="NO",
        language="nb",
        size=0.2,
        seed=3,
    )


def run_steps(centre) -> None:
    demo = demo_of(centre)
    for step in (
        volunteer_applications_demo,
        public_help_requests_demo,
        public_signups_demo,
        award_demo,
    ):
        step(demo, write=lambda *_: None)


def counts() -> tuple:
    return (
        Volunteer.objects.filter(status="applied", source="public_form").count(),
        HelpRequest.objects.filter(source="public_form", status="new").count(),
        Activity.objects.filter(takes_signups=True).count(),
        SessionSignup.objects.count(),
        AwardRound.objects.count(),
        Nomination.objects.filter(status="winner", published_at__isnull=False).count(),
    )


def test_the_demo_fills_each_form_once(centre):
    with schema_context(centre.schema_name):
        for name in ("Walking group", "Knitting café"):
            activity = make_activity(name=name, first_date=today() - timedelta(days=14))
            for weeks in range(4):
                make_session(activity, day=activity.first_date + timedelta(days=7 * weeks))
        run_steps(centre)
        first = counts()
        run_steps(centre)  # a second run keeps what is there
        assert counts() == first
        assert first[:3] == (3, 3, 2)
        assert first[3] > 0 and first[4:] == (2, 1)
        # The full session has its places taken and people waiting.
        full = max(Activity.objects.filter(takes_signups=True), key=lambda a: -a.signup_places)
        statuses = list(
            SessionSignup.objects.filter(session__activity=full)
            .order_by("session__date", "id")
            .values_list("status", flat=True)
        )
        assert statuses.count("waiting") == 2
        assert statuses[: full.signup_places] == ["confirmed"] * full.signup_places


def test_the_demo_shows_on_the_public_pages(centre, centre_client):
    with schema_context(centre.schema_name):
        activity = make_activity(name="Walking group", first_date=today() + timedelta(days=2))
        make_session(activity)
        run_steps(centre)

    assert "Walking group" in centre_client.get("/sign-up/").text
    assert "Marit F." in centre_client.get("/award/winners/").text
    assert "Ildsjelprisen" in centre_client.get("/award/").text
