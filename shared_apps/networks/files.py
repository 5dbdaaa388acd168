"""Which files a network accepts: documents and images up to a size limit, recognised by
their name and checked against their first bytes, so a renamed program or web page is refused.

The type stored (and sent back on download) is ours, from the allow-list, never the one the
browser claimed. Both hosts hand a file out with `file_response`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import BinaryIO

from django.conf import settings
from django.http import FileResponse, Http404
from django.utils.cache import add_never_cache_headers

from shared_apps.networks.contracts import FileDownload

DEFAULT_MAX_BYTES = 10 * 1024 * 1024

# Office Open XML and OpenDocument files are ZIP archives; old Office files are OLE2.
_ZIP = (b"PK\x03\x04",)
_OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)
_TEXT = ()  # plain text: checked for NUL bytes instead


@dataclass(frozen=True)
class FileKind:
    content_type: str
    signatures: tuple[bytes, ...]


ALLOWED_FILES: dict[str, FileKind] = {
    ".pdf": FileKind("application/pdf", (b"%PDF-",)),
    ".docx": FileKind(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document", _ZIP
    ),
    ".xlsx": FileKind("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", _ZIP),
    ".pptx": FileKind(
        "application/vnd.openxmlformats-officedocument.presentationml.presentation", _ZIP
    ),
    ".odt": FileKind("application/vnd.oasis.opendocument.text", _ZIP),
    ".ods": FileKind("application/vnd.oasis.opendocument.spreadsheet", _ZIP),
    ".odp": FileKind("application/vnd.oasis.opendocument.presentation", _ZIP),
    ".doc": FileKind("application/msword", _OLE),
    ".xls": FileKind("application/vnd.ms-excel", _OLE),
    ".ppt": FileKind("application/vnd.ms-powerpoint", _OLE),
    ".txt": FileKind("text/plain", _TEXT),
    ".csv": FileKind("text/csv", _TEXT),
    ".png": FileKind("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": FileKind("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": FileKind("image/jpeg", (b"\xff\xd8\xff",)),
    ".gif": FileKind("image/gif", (b"GIF87a", b"GIF89a")),
    ".webp": FileKind("image/webp", (b"RIFF",)),
}
ALLOWED_SUFFIXES = tuple(ALLOWED_FILES)


def max_bytes() -> int:
    """The largest file a network accepts (settings.NETWORK_FILE_MAX_BYTES, default 10 MB)."""
    return getattr(settings, "NETWORK_FILE_MAX_BYTES", DEFAULT_MAX_BYTES)


def clean_file_name(name: str) -> str:
    """The last part of the name the browser sent, without control characters."""
    name = PurePosixPath(name.replace("\\", "/")).name
    name = "".join(character for character in name if character.isprintable()).strip()
    if len(name) > 255:
        stem, suffix = name[: 255 - 10], PurePosixPath(name).suffix[:10]
        name = stem + suffix
    return name


def kind_of(name: str) -> FileKind | None:
    """The allowed kind for this file name, or None if its type is not accepted."""
    return ALLOWED_FILES.get(PurePosixPath(name).suffix.lower())


def content_matches(kind: FileKind, content: BinaryIO) -> bool:
    """Whether the file's first bytes are what its name says it is."""
    content.seek(0)
    head = content.read(8192)
    content.seek(0)
    if not kind.signatures:
        # Plain text in any 8-bit encoding (spreadsheets export CSV in Windows-1252 too).
        return b"\x00" not in head
    if kind.content_type == "image/webp":
        return head.startswith(b"RIFF") and head[8:12] == b"WEBP"
    return head.startswith(kind.signatures)


def file_response(download: FileDownload) -> FileResponse:
    """A stored file as an attachment, never shown inline and never kept in a shared cache."""
    try:
        handle = open(download.path, "rb")  # noqa: SIM115 (FileResponse closes it)
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=download.original_name,
        content_type=download.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    add_never_cache_headers(response)
    return response
