"""The demo gives each centre retention rules, a RoPA and something for the dry run to show."""

from tenant_apps.people.models import Volunteer
from tenant_apps.privacy import selectors
from tenant_apps.privacy.demo import privacy_demo
from tenant_apps.privacy.models import ProcessingActivity
from tenants.contracts import CentreDemo


def test_the_demo_has_a_record_of_processing_and_a_volunteer_due_for_a_reminder(centre, inside):
    demo = CentreDemo(
        centre_id=centre.pk,
        slug=centre.slug,
        name=centre.name,
        country="NO",
        language="nb",
        size=0.1,
        seed=1,
    )
    with inside():
        privacy_demo(demo, write=lambda text: None)
        privacy_demo(demo, write=lambda text: None)  # again: nothing doubles

        assert ProcessingActivity.objects.count() == 3
        assert ProcessingActivity.objects.first().name == "Frivilligadministrasjon"
        inactive = Volunteer.objects.get(first_name="Torgeir")
        plan = {(change.action, change.subject_id) for change in selectors.retention_plan()}
        assert ("remind_volunteer", inactive.pk) in plan
        assert any(action == "anonymise_request" for action, _id in plan)
        # Someone known only by the address on an old event registration: due, and found.
        assert any(action == "anonymise_registration" for action, _id in plan)
        report = selectors.personal_data(
            person=selectors.contact_person("astrid.moen@example.org"), label=""
        )
        found = {section.key: section.records for section in report.sections}
        assert [record["places"] for record in found["events.registrations"]] == [2]
