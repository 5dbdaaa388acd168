"""Uploaded images checked by what they are, not by what they say they are.

The first bytes decide the type (PNG, JPEG or WebP); the name and the browser's content type
are ignored. SVG is refused: it is a document that can carry scripts and links. The size is
checked before anything is read into memory beyond the limit.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from toolkit.errors import ApplicationError

IMAGE_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
)


@dataclass(frozen=True)
class CheckedImage:
    content: bytes
    content_type: str


def image_type(head: bytes) -> str | None:
    """The image type the first bytes show (PNG, JPEG, WebP), or None."""
    for signature, content_type in IMAGE_SIGNATURES:
        if head.startswith(signature):
            return content_type
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return None


def image_upload_check(upload: UploadedFile, *, max_bytes: int, field: str) -> CheckedImage:
    """The upload's bytes and real type if it is a PNG, JPEG or WebP of at most `max_bytes`;
    otherwise an ApplicationError on `field` that says what to send instead."""
    if upload.size is not None and upload.size > max_bytes:
        raise ApplicationError(
            _("The file is too large: send an image of at most %(size)s.")
            % {"size": filesizeformat(max_bytes)},
            field=field,
        )
    upload.seek(0)
    content = upload.read(max_bytes + 1)
    if len(content) > max_bytes:
        raise ApplicationError(
            _("The file is too large: send an image of at most %(size)s.")
            % {"size": filesizeformat(max_bytes)},
            field=field,
        )
    content_type = image_type(content[:16])
    if content_type is None:
        raise ApplicationError(
            _("Send a PNG, JPEG or WebP image (SVG and other files are not accepted)."),
            field=field,
        )
    return CheckedImage(content=content, content_type=content_type)
