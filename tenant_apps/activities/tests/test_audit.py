"""A coordinator putting a volunteer on a shift or taking them off leaves the same audit
record whether it happens on a page or over the API: the services write it."""

from __future__ import annotations

from tenant_apps.activities.tests.factories import make_shift
from tenant_apps.audit.models import AuditEvent
from tests.factories import make_volunteer


def _events(*, after: int = 0) -> list[tuple[str, str, str, str, dict]]:
    return list(
        AuditEvent.objects.filter(pk__gt=after, subject_type="volunteer")
        .order_by("pk")
        .values_list("action", "subject_type", "subject_id", "code", "params")
    )


def _last_event_id() -> int:
    return AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def test_page_and_api_audit_signing_up_and_withdrawing_someone_alike(
    coordinator_client, coordinator, in_centre
):
    with in_centre():
        shift = make_shift(capacity=2, name="Driver")
        ada = make_volunteer(first_name="Ada", last_name="Lovelace")
        start = _last_event_id()
    session = shift.session

    # Through the pages.
    assigned = coordinator_client.post(
        f"/activities/sessions/{session.pk}/assign/", {"shift": shift.pk, "volunteer": ada.pk}
    )
    withdrawn = coordinator_client.post(
        f"/activities/shifts/{shift.pk}/withdraw/", {"volunteer": ada.pk}
    )
    assert (assigned.status_code, withdrawn.status_code) == (302, 302)
    with in_centre():
        page_events = _events(after=start)
        middle = _last_event_id()

    # Through the API, the same volunteer on the same shift.
    signed_up = coordinator_client.post(
        f"/api/v1/shifts/{shift.pk}/sign-up/",
        {"volunteer": ada.pk},
        content_type="application/json",
    )
    taken_off = coordinator_client.post(
        f"/api/v1/shifts/{shift.pk}/withdraw/",
        {"volunteer": ada.pk},
        content_type="application/json",
    )
    assert (signed_up.status_code, taken_off.status_code) == (201, 204)
    with in_centre():
        api_events = _events(after=middle)
        actors = set(
            AuditEvent.objects.filter(pk__gt=start, subject_type="volunteer").values_list(
                "actor_user_id", flat=True
            )
        )

    where = {
        "shift": shift.pk,
        "shift_name": "Driver",
        "activity": session.activity.pk,
        "activity_name": session.activity.name,
        "date": session.date.isoformat(),
    }
    assert page_events == [
        (
            "updated",
            "volunteer",
            str(ada.pk),
            "volunteer.shift_signed_up",
            {**where, "status": "confirmed"},
        ),
        ("updated", "volunteer", str(ada.pk), "volunteer.shift_withdrawn", where),
    ]
    assert api_events == page_events
    assert actors == {coordinator.pk}


def test_signing_yourself_up_and_off_is_not_audited_on_page_or_api(
    volunteer_client, in_centre, own_volunteer
):
    with in_centre():
        shift = make_shift(capacity=2)
        start = _last_event_id()

    for base in (f"/activities/shifts/{shift.pk}/", f"/api/v1/shifts/{shift.pk}/"):
        assert volunteer_client.post(base + "sign-up/").status_code in (201, 302)
        assert volunteer_client.post(base + "withdraw/").status_code in (204, 302)

    with in_centre():
        assert _events(after=start) == []
