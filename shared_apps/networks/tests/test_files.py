"""Files shared in a network: documents and images within the size limit, stored under
MEDIA_ROOT in the network's folder, handed out only to people who may see the network."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from shared_apps.networks import services
from shared_apps.networks.models import NetworkFile

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def stored_files(network) -> list[Path]:
    folder = Path(settings.MEDIA_ROOT) / "networks" / str(network.pk)
    return sorted(folder.iterdir()) if folder.exists() else []


def upload(client, network, name: str, content: bytes, content_type="application/pdf"):
    return client.post(
        f"/networks/{network.pk}/files/",
        {"file": SimpleUploadedFile(name, content, content_type=content_type)},
    )


def test_federation_staff_share_a_file_and_download_it(admin_client, network):
    response = upload(admin_client, network, "Plan for spring.pdf", PDF)

    assert response.status_code == 302
    shared = NetworkFile.objects.get(network=network)
    assert (shared.original_name, shared.size, shared.content_type) == (
        "Plan for spring.pdf",
        len(PDF),
        "application/pdf",
    )
    # Stored in the network's own folder under a name of our own, not the uploader's
    [path] = stored_files(network)
    assert path.read_bytes() == PDF
    assert path.suffix == ".pdf" and path.name != "Plan for spring.pdf"
    page = admin_client.get(f"/networks/{network.pk}/").text
    assert f'href="/networks/{network.pk}/files/{shared.pk}/" download>Plan for spring.pdf' in page
    # Never a public media URL
    assert "/media/" not in page and shared.file.name not in page

    download = admin_client.get(f"/networks/{network.pk}/files/{shared.pk}/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment;")
    assert "Plan for spring.pdf" in download["Content-Disposition"]
    assert "no-store" in download["Cache-Control"]


def test_a_file_that_is_too_large_is_refused_and_nothing_is_stored(admin_client, network):
    too_large = b"%PDF-" + b"0" * (10 * 1024 * 1024)

    response = upload(admin_client, network, "Huge.pdf", too_large)

    assert response.status_code == 400
    assert "The file is too large: 10.0\xa0MB. Files can be at most 10.0\xa0MB." in response.text
    assert not NetworkFile.objects.exists()
    assert stored_files(network) == []


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "installer.exe",
            b"MZ\x90\x00",
            "Files of this type cannot be shared. Upload a PDF, an office document",
        ),
        ("page.html", b"<script>alert(1)</script>", "Files of this type cannot be shared."),
        (
            "report.pdf",
            b"MZ\x90\x00 not a pdf",
            "The file&#x27;s content does not match its name: it is not a real PDF file.",
        ),
        ("photo.png", b"GIF89a....", "it is not a real PNG file."),
    ],
)
def test_a_file_of_the_wrong_type_is_refused_and_nothing_is_stored(
    admin_client, network, name, content, message
):
    response = upload(admin_client, network, name, content)

    assert response.status_code == 400
    assert message in response.text
    assert not NetworkFile.objects.exists()
    assert stored_files(network) == []


def test_another_federation_cannot_download_the_file(admin_client, platform_member, frise, network):
    upload(admin_client, network, "Plan.pdf", PDF)
    shared = NetworkFile.objects.get()
    _user, danish = platform_member(frise, "federation_admin")

    assert danish.get(f"/networks/{network.pk}/files/{shared.pk}/").status_code == 404


def test_a_file_is_only_found_in_its_own_network(admin_client, federation_admin, nfs, network):
    upload(admin_client, network, "Plan.pdf", PDF)
    shared = NetworkFile.objects.get()
    other = services.network_create(
        actor=federation_admin, federation=nfs, name="Other", theme="T", goal="G"
    )

    assert admin_client.get(f"/networks/{other.pk}/files/{shared.pk}/").status_code == 404


def test_the_uploader_deletes_a_file_after_confirming(
    admin_client, network, django_capture_on_commit_callbacks
):
    upload(admin_client, network, "Plan.pdf", PDF)
    shared = NetworkFile.objects.get()

    confirm = admin_client.get(f"/networks/{network.pk}/files/{shared.pk}/delete/")
    assert "Delete Plan.pdf?" in confirm.text
    assert NetworkFile.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        deleted = admin_client.post(f"/networks/{network.pk}/files/{shared.pk}/delete/")

    assert deleted.status_code == 302
    assert not NetworkFile.objects.exists()
    assert stored_files(network) == []


def test_an_analyst_cannot_delete_someone_elses_file(admin_client, analyst_client, network):
    upload(admin_client, network, "Plan.pdf", PDF)
    shared = NetworkFile.objects.get()

    page = analyst_client.get(f"/networks/{network.pk}/").text
    assert f"/files/{shared.pk}/delete/" not in page
    response = analyst_client.post(f"/networks/{network.pk}/files/{shared.pk}/delete/")

    assert response.status_code == 302
    assert NetworkFile.objects.filter(pk=shared.pk).exists()
    page = analyst_client.get(response["Location"]).text
    assert "Only the person who uploaded a file" in page
