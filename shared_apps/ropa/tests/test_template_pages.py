"""A federation administrator writes the RoPA template; a new centre's record starts from it;
nothing a centre writes flows back."""

from shared_apps.ropa.models import ProcessingActivityTemplate
from tenants.models import Federation


def test_a_federation_admin_starts_from_the_built_in_template_and_edits_it(
    federation_client, federation_admin
):
    federation = Federation.objects.get(slug="test-nfs")
    page = federation_client.get("/federation/processing-template/")
    assert page.status_code == 200
    assert 'data-menu="federation"' in page.text

    federation_client.post(f"/federation/processing-template/{federation.slug}/start/")

    entries = list(ProcessingActivityTemplate.objects.filter(federation=federation))
    assert len(entries) == 3
    answer = federation_client.post(
        f"/federation/processing-template/entries/{entries[0].pk}/",
        {
            "name": "Frivilligregister",
            "purpose": "Registrere frivillige",
            "legal_basis": "Samtykke",
            "data_subjects": "Frivillige",
            "data_categories": "Navn",
            "retention": "Til de slutter",
        },
    )
    assert answer.status_code == 302
    assert ProcessingActivityTemplate.objects.get(pk=entries[0].pk).name == "Frivilligregister"


def test_centre_staff_and_other_federations_cannot_edit_a_template(
    federation_client, centre_admin_client, make_user
):
    danish = Federation.objects.exclude(slug="test-nfs").first()
    entry = ProcessingActivityTemplate.objects.create(
        federation=danish,
        name="Dansk",
        purpose="x",
        legal_basis="x",
        data_subjects="x",
        data_categories="x",
        retention="x",
    )

    assert (
        federation_client.get(f"/federation/processing-template/entries/{entry.pk}/").status_code
        == 404
    )
    assert centre_admin_client.get("/federation/processing-template/").status_code == 404
