"""Activity categories over the API: every member reads, coordinators and managers add."""

from django_tenants.utils import schema_context

from tenant_apps.activities.models import ActivityCategory

NEW = {
    "code": "digital-help",
    "name_nb": "Digital hjelp",
    "name_da": "Digital hjælp",
    "name_en": "Digital help",
}


def test_volunteers_read_the_categories_in_use(volunteer_client, centre):
    with schema_context(centre.schema_name):
        expected = list(
            ActivityCategory.objects.filter(is_active=True).values_list("code", flat=True)
        )
        ActivityCategory.objects.filter(code=expected[-1]).update(is_active=False)

    response = volunteer_client.get("/api/v1/activity-categories/")

    assert response.status_code == 200
    assert [row["code"] for row in response.json()] == expected[:-1]
    assert set(response.json()[0]) == {
        "id",
        "code",
        "name",
        "name_nb",
        "name_da",
        "name_en",
        "position",
    }


def test_volunteers_cannot_add_a_category(volunteer_client, centre):
    response = volunteer_client.post(
        "/api/v1/activity-categories/", NEW, content_type="application/json"
    )
    assert response.status_code == 403
    with schema_context(centre.schema_name):
        assert not ActivityCategory.objects.filter(code="digital-help").exists()


def test_coordinators_add_a_category_at_the_end(coordinator_client, centre, other_centre):
    with schema_context(centre.schema_name):
        last = ActivityCategory.objects.order_by("-position").first().position

    response = coordinator_client.post(
        "/api/v1/activity-categories/", NEW, content_type="application/json"
    )

    assert response.status_code == 201
    assert response.json()["code"] == "digital-help"
    assert response.json()["position"] == last + 1
    with schema_context(centre.schema_name):
        assert ActivityCategory.objects.get(code="digital-help").name_da == "Digital hjælp"
    with schema_context(other_centre.schema_name):
        assert not ActivityCategory.objects.filter(code="digital-help").exists()


def test_a_code_already_in_use_is_refused(coordinator_client, centre):
    with schema_context(centre.schema_name):
        taken = ActivityCategory.objects.first().code

    response = coordinator_client.post(
        "/api/v1/activity-categories/", {**NEW, "code": taken}, content_type="application/json"
    )

    assert response.status_code == 400
    assert response.json() == {"code": ["This centre already has a category with this code."]}


def test_invalid_input_is_refused_field_by_field(coordinator_client):
    response = coordinator_client.post(
        "/api/v1/activity-categories/", {"code": "no spaces"}, content_type="application/json"
    )
    assert response.status_code == 400
    assert set(response.json()) == {"code", "name_nb", "name_da", "name_en"}
