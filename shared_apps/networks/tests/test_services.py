"""The rules of networks, checked where they live: in the services."""

from __future__ import annotations

import io

import pytest

from shared_apps.networks import services
from shared_apps.networks.models import NetworkMembership, NetworkPost
from toolkit.errors import ApplicationError

pytestmark = pytest.mark.django_db


def test_only_the_federations_administrators_create_networks(analyst, nfs, frise, federation_admin):
    with pytest.raises(ApplicationError, match="Only the federation's administrators"):
        services.network_create(actor=analyst[0], federation=nfs, name="N", theme="T", goal="G")
    # An administrator of test-nfs is nobody in test-frise
    with pytest.raises(ApplicationError, match="Only the federation's administrators"):
        services.network_create(
            actor=federation_admin, federation=frise, name="N", theme="T", goal="G"
        )


def test_a_centre_of_another_federation_cannot_become_a_member(
    federation_admin, network, danish_centre
):
    with pytest.raises(ApplicationError) as refused:
        services.network_member_add(actor=federation_admin, network=network, centre=danish_centre)

    assert refused.value.message == "Frivilligcenter Gamma is not a centre of this federation."
    assert refused.value.field == "centre"
    assert not NetworkMembership.objects.filter(centre=danish_centre).exists()


def test_a_centre_is_a_member_only_once(federation_admin, network, centre):
    with pytest.raises(ApplicationError, match="is already a member of this network"):
        services.network_member_add(actor=federation_admin, network=network, centre=centre)
    assert NetworkMembership.objects.filter(network=network, centre=centre).count() == 1


def test_unknown_target_groups_are_refused(federation_admin, nfs):
    with pytest.raises(ApplicationError, match="Unknown target group: pensioners"):
        services.network_create(
            actor=federation_admin,
            federation=nfs,
            name="N",
            theme="T",
            goal="G",
            target_groups=["seniors", "pensioners"],
        )


def test_staff_of_a_member_centre_write_in_its_name(network, centre, member_of):
    coordinator = member_of(centre, "coordinator", full_name="Cora")

    post = services.network_post_create(
        author=coordinator, network=network, text=" Hello from Alpha ", centre_id=centre.pk
    )

    assert (post.text, post.centre, post.federation) == ("Hello from Alpha", centre, None)


def test_a_volunteer_of_a_member_centre_cannot_write(network, centre, member_of):
    volunteer = member_of(centre, "volunteer")

    with pytest.raises(ApplicationError, match="Only the centre's coordinators and managers"):
        services.network_post_create(
            author=volunteer, network=network, text="Hi", centre_id=centre.pk
        )


def test_staff_of_a_centre_that_is_not_a_member_cannot_write(
    federation_admin, network, other_centre, member_of
):
    services.network_member_remove(actor=federation_admin, network=network, centre=other_centre)
    coordinator = member_of(other_centre, "coordinator")

    with pytest.raises(ApplicationError, match="Your centre is not a member of this network"):
        services.network_post_create(
            author=coordinator, network=network, text="Hi", centre_id=other_centre.pk
        )
    with pytest.raises(ApplicationError, match="Your centre is not a member of this network"):
        services.network_file_upload(
            uploader=coordinator,
            network=network,
            name="a.txt",
            content=io.BytesIO(b"hello"),
            size=5,
            centre_id=other_centre.pk,
        )
    assert not NetworkPost.objects.exists()


def test_staff_of_another_federation_cannot_write(platform_member, frise, network):
    user, _client = platform_member(frise, "federation_admin")

    with pytest.raises(ApplicationError, match="You do not work for this network's federation"):
        services.network_post_create(author=user, network=network, text="Hej")


def test_an_empty_file_and_a_text_file_with_nul_bytes_are_refused(federation_admin, network):
    with pytest.raises(ApplicationError, match="The file is empty"):
        services.network_file_upload(
            uploader=federation_admin, network=network, name="a.txt", content=io.BytesIO(), size=0
        )
    with pytest.raises(ApplicationError, match="it is not a real TXT file"):
        services.network_file_upload(
            uploader=federation_admin,
            network=network,
            name="a.txt",
            content=io.BytesIO(b"MZ\x00\x00"),
            size=4,
        )


def test_a_csv_in_windows_1252_is_accepted(federation_admin, network):
    content = "Kommune;Timer\nBærum;12\n".encode("cp1252")

    shared = services.network_file_upload(
        uploader=federation_admin,
        network=network,
        name="../../etc/timer.csv",
        content=io.BytesIO(content),
        size=len(content),
    )

    assert (shared.original_name, shared.content_type) == ("timer.csv", "text/csv")
    assert shared.file.name.startswith(f"networks/{network.pk}/")
    assert shared.file.read() == content
