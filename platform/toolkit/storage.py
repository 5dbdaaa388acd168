"""Uploaded files on S3-compatible storage, each under the schema it was uploaded in.

`CentreS3Storage` (settings.STORAGES when AWS_STORAGE_BUCKET_NAME is set) puts the current
schema in front of every new file's name: `<schema>/<name as upload_to made it>`, e.g.
`alpha/networks/12/3f…a1.pdf`, and `public/…` for files uploaded on the platform host. The
prefix is part of the name stored in the database, not of the storage's location, so a file
is found again from any host (a network file uploaded on a centre's host and opened on
another's); and one centre's files are one prefix in the bucket (listing, export, erasure).
"""

from __future__ import annotations

import re

from django.core.exceptions import SuspiciousFileOperation
from django.db import connection
from storages.backends.s3 import S3Storage

SCHEMA_NAME = re.compile(r"^[a-z][a-z0-9_]{0,62}$")


class CentrePrefixMixin:
    """Prefix new files' names with the current schema (connection.schema_name)."""

    def generate_filename(self, filename: str) -> str:
        name = super().generate_filename(filename)
        schema = getattr(connection, "schema_name", "") or "public"
        if not SCHEMA_NAME.match(schema):
            raise SuspiciousFileOperation(f"Schema name {schema!r} cannot be a file prefix.")
        return f"{schema}/{name.lstrip('/')}"


class CentreS3Storage(CentrePrefixMixin, S3Storage):
    """S3 (or any S3-compatible store: MinIO, Ceph, Hetzner, Scaleway…), private files,
    names prefixed with the schema."""
