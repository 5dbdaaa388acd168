"""Demo content inside every demo centre: people, activities, help requests, a year of hours.

Registered in settings.DEMO_DATA_STEPS; `manage.py demo_data` calls it after the centres
exist. Sizes vary by centre, around the national averages (≈110 volunteers, ≈14 activities,
≈7,000 hours a year); a centre that already has volunteers is left as it is.
"""

import zlib

from django_tenants.utils import get_tenant_model, schema_context

from shared_apps.accounts import facade
from tenant_apps.activities.demo import load_demo_activities
from tenant_apps.helprequests.demo import load_demo_help_requests
from tenant_apps.hours.demo import load_demo_hours
from tenant_apps.people.demo import link_demo_account, load_demo_people
from tenant_apps.people.models import Volunteer

# Size of a centre relative to the average, by its place in the list (varied, repeatable).
SIZE_FACTORS = (1.0, 0.6, 1.4, 0.8, 1.2, 0.5, 1.6, 0.9, 1.1, 0.7)


def load_centre_operations_demo(*, write=print) -> None:
    centres = (
        get_tenant_model()
        .objects.exclude(schema_name="public")
        .select_related("federation")
        .order_by("slug")
    )
    for index, centre in enumerate(centres):
        factor = SIZE_FACTORS[index % len(SIZE_FACTORS)]
        seed = zlib.crc32(centre.slug.encode())
        with schema_context(centre.schema_name):
            if not Volunteer.objects.exists():
                load_demo_people(
                    centre_slug=centre.slug,
                    volunteers=round(110 * factor),
                    participants=round(60 * factor),
                    seed=seed,
                    country=centre.federation.country,
                )
                load_demo_activities(seed=seed, activities=max(6, round(14 * factor)))
                load_demo_help_requests(
                    seed=seed,
                    count=round(40 * factor),
                    language=centre.federation.default_language,
                )
                load_demo_hours(seed=seed, year_hours=round(7000 * factor))
                write(f"  demo content in {centre.slug}")
            # The demo accounts with a volunteer role get a volunteer record to edit.
            for member in facade.centre_members(centre_id=centre.pk):
                if member.role == "volunteer":
                    first, _space, last = (member.full_name or member.email).partition(" ")
                    link_demo_account(
                        account_user_id=member.user_id,
                        first_name=first,
                        last_name=last,
                        email=member.email,
                    )
