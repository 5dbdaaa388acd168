"""Uploaded files on S3-compatible storage (toolkit.storage.CentreS3Storage): each new file's
name starts with the schema it was uploaded in, so one centre's files are one prefix of the
bucket, and the name stored in the database finds the file again from any host. Only the
path logic runs here: no request leaves the machine."""

from __future__ import annotations

import pytest
from django.core.exceptions import SuspiciousFileOperation
from django.db import connection
from django_tenants.utils import schema_context

from shared_apps.networks.models import NetworkFile
from toolkit.storage import CentreS3Storage


@pytest.fixture
def storage():
    return CentreS3Storage(
        bucket_name="dugnad-media",
        location="media",
        access_key="test-access",
        secret_key="test-secret",
        region_name="eu-north-1",
        endpoint_url="https://s3.example.net",
    )


def upload_name(storage, filename: str) -> str:
    """The name a network file would be stored under, as FileField.generate_filename makes it."""
    field = NetworkFile._meta.get_field("file")
    field.storage, original = storage, field.storage
    try:
        return field.generate_filename(NetworkFile(network_id=7), filename)
    finally:
        field.storage = original


def test_a_file_uploaded_in_a_centre_is_named_under_its_schema(storage, centre, other_centre):
    with schema_context(centre.schema_name):
        alpha = upload_name(storage, "Referat møte.PDF")
    with schema_context(other_centre.schema_name):
        beta = upload_name(storage, "Referat møte.PDF")
    assert alpha.startswith(f"{centre.schema_name}/networks/7/") and alpha.endswith(".pdf")
    assert beta.startswith(f"{other_centre.schema_name}/networks/7/")
    # The bucket key adds the storage's location; the stored name alone finds it again,
    # whichever schema the reading request is in.
    assert storage._normalize_name(alpha) == f"media/{alpha}"
    with schema_context(other_centre.schema_name):
        assert storage._normalize_name(alpha) == f"media/{alpha}"
        url = storage.url(alpha)
    assert f"/media/{alpha}" in url and "Signature" in url  # private: signed URLs only


def test_the_platform_host_uploads_under_public(storage):
    with schema_context("public"):
        assert upload_name(storage, "a.txt").startswith("public/networks/7/")


def test_no_name_escapes_its_prefix(storage, centre):
    with schema_context(centre.schema_name):
        with pytest.raises(SuspiciousFileOperation):
            storage.generate_filename("../other/x.pdf")
        with pytest.raises(SuspiciousFileOperation):
            storage._normalize_name(storage.generate_filename("networks/../../x.pdf"))


def test_an_unusable_schema_name_is_refused(storage):
    original = connection.schema_name
    connection.schema_name = "../beta"
    try:
        with pytest.raises(SuspiciousFileOperation):
            storage.generate_filename("networks/1/x.pdf")
    finally:
        connection.schema_name = original
