"""toolkit.markdown (Markdown to sanitised HTML) and toolkit.uploads (images checked by their
bytes)."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from toolkit.errors import ApplicationError
from toolkit.markdown import markdown_to_safe_html
from toolkit.uploads import image_type, image_upload_check


def test_markdown_keeps_formatting_and_drops_scripts_handlers_and_images():
    html = markdown_to_safe_html(
        "# Title\n\n**bold** [site](https://example.org)\n\n"
        '<img src=x onerror="alert(1)">\n\n![pic](https://example.org/a.png)'
    )

    assert "<h2>Title</h2>" in html
    assert "<strong>bold</strong>" in html
    assert '<a href="https://example.org" rel="noopener noreferrer nofollow">site</a>' in html
    assert "<img" not in html
    assert "&lt;img" in html  # raw HTML is shown as text, never as a tag
    assert re.search(r"<[^>]*onerror", html) is None


def test_image_type_reads_the_first_bytes():
    assert image_type(b"\x89PNG\r\n\x1a\n....") == "image/png"
    assert image_type(b"\xff\xd8\xff\xe0") == "image/jpeg"
    assert image_type(b"RIFF\x00\x00\x00\x00WEBPVP8 ") == "image/webp"
    assert image_type(b"<svg xmlns=") is None
    assert image_type(b"GIF89a") is None


def test_an_upload_over_the_limit_is_refused_even_when_it_claims_to_be_small():
    upload = SimpleUploadedFile("a.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    upload.size = 10  # a client may lie about the size

    with pytest.raises(ApplicationError) as error:
        image_upload_check(upload, max_bytes=50, field="logo")

    assert error.value.field == "logo"
