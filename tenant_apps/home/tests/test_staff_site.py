"""The staff pages that write the public site: who may use them, the logo's checks, the
settings page, news with publish/unpublish/delete, and the palette's contrast."""

from __future__ import annotations

import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django_tenants.utils import schema_context

from tenant_apps.home.models import CentreProfile, Post
from tenant_apps.home.palette import PALETTE, contrast_ratio
from tenant_apps.home.services import LOGO_MAX_BYTES
from tenant_apps.people.models import CentreSettings


def png_bytes() -> bytes:
    """A real 1×1 PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


PROFILE_POST = {
    "description": "We connect people.",
    "street_address": "Storgata 1",
    "postal_code": "7290",
    "city": "Støren",
    "phone": "+47 72 00 00 00",
    "email": "post@alpha.example",
    "activity_profiles": ["help_centre", "meeting_place"],
    "colours": "heather",
}


def test_every_palette_pair_reads_at_4_5_to_1_or_more():
    for pair in PALETTE:
        assert contrast_ratio(pair.background, pair.text) >= 4.5, pair.code


def test_contrast_ratio_matches_the_wcag_formula():
    assert round(contrast_ratio("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast_ratio("#767676", "#ffffff"), 2) == 4.54


@pytest.mark.parametrize(
    ("path", "coordinator_status"),
    [("/staff/site/profile/", 403), ("/staff/site/settings/", 403), ("/staff/site/posts/", 200)],
)
def test_managers_edit_the_profile_and_settings_coordinators_write_news(
    centre_admin_client, coordinator_client, path, coordinator_status
):
    assert centre_admin_client.get(path).status_code == 200
    assert coordinator_client.get(path).status_code == coordinator_status


def test_a_manager_saves_the_profile_with_a_png_logo(centre_admin_client, centre, centre_client):
    logo = SimpleUploadedFile("logo.png", png_bytes(), content_type="image/png")
    response = centre_admin_client.post("/staff/site/profile/", {**PROFILE_POST, "logo": logo})

    assert response.status_code == 302
    with schema_context(centre.schema_name):
        profile = CentreProfile.objects.get()
    assert profile.city == "Støren"
    assert profile.activity_profiles == ["help_centre", "meeting_place"]
    assert profile.colours == "heather"
    assert profile.logo_content_type == "image/png"
    served = centre_client.get(f"/logo/{profile.logo_version}/")
    assert served.status_code == 200 and served.content == png_bytes()
    assert served["Content-Type"] == "image/png"


@pytest.mark.parametrize(
    ("name", "content", "content_type", "message"),
    [
        (
            "logo.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "image/svg+xml",
            "SVG and other files are not accepted",
        ),
        ("logo.png", b"<html>not a picture</html>", "image/png", "SVG and other files"),
        (
            "logo.png",
            png_bytes() + b"\0" * LOGO_MAX_BYTES,
            "image/png",
            "The file is too large",
        ),
    ],
)
def test_a_logo_that_is_not_a_small_png_jpeg_or_webp_is_refused_and_nothing_is_lost(
    centre_admin_client, centre, name, content, content_type, message
):
    upload = SimpleUploadedFile(name, content, content_type=content_type)
    response = centre_admin_client.post("/staff/site/profile/", {**PROFILE_POST, "logo": upload})

    assert response.status_code == 200
    assert message in response.text
    assert 'value="Storgata 1"' in response.text  # what was typed is kept
    with schema_context(centre.schema_name):
        assert not CentreProfile.objects.exclude(logo=None).exists()


def test_a_colour_outside_the_palette_is_refused(centre_admin_client, centre):
    response = centre_admin_client.post(
        "/staff/site/profile/", {**PROFILE_POST, "colours": "#ffff00"}
    )

    assert response.status_code == 200
    with schema_context(centre.schema_name):
        assert not CentreProfile.objects.filter(colours="#ffff00").exists()


def test_a_manager_changes_the_centre_settings_and_the_audit_log_says_so(
    centre_admin, centre_admin_client, centre, audit_events
):
    response = centre_admin_client.post(
        "/staff/site/settings/",
        {
            "certificate_validity_months": "24",
            "confidentiality_version": "2027-1",
            "reminder_lead_hours": "48",
            "date_window_years_back": "3",
            "date_window_years_ahead": "5",
        },
    )

    assert response.status_code == 302
    with schema_context(centre.schema_name):
        settings = CentreSettings.objects.get()
    assert (settings.certificate_validity_months, settings.reminder_lead_hours) == (24, 48)
    assert settings.confidentiality_version == "2027-1"
    assert (settings.date_window_years_back, settings.date_window_years_ahead) == (3, 5)
    assert audit_events(code="centre_settings.changed") == [
        ("updated", "centre_settings", str(settings.pk), centre_admin.pk)
    ]
    with schema_context(centre.schema_name):
        from tenant_apps.audit.models import AuditEvent

        event = AuditEvent.objects.get(code="centre_settings.changed")
    assert event.params["fields"] == [
        "certificate_validity_months",
        "confidentiality_version",
        "date_window_years_back",
        "reminder_lead_hours",
    ]


def test_a_reminder_lead_time_out_of_range_is_refused(centre_admin_client, centre):
    response = centre_admin_client.post(
        "/staff/site/settings/",
        {
            "certificate_validity_months": "36",
            "confidentiality_version": "2026-1",
            "reminder_lead_hours": "0",
        },
    )

    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.text
    with schema_context(centre.schema_name):
        assert CentreSettings.objects.get().reminder_lead_hours == 24


def test_news_is_written_published_unpublished_and_deleted_after_confirmation(
    coordinator_client, centre, centre_client
):
    created = coordinator_client.post(
        "/staff/site/posts/new/news/", {"title": "Open day", "body": "Come *along*."}
    )
    with schema_context(centre.schema_name):
        post = Post.objects.get()
    assert created.url == f"/staff/site/posts/{post.pk}/"
    assert post.body_html == "<p>Come <em>along</em>.</p>\n" and post.published_at is None
    assert centre_client.get("/news/open-day/").status_code == 404

    coordinator_client.post(f"/staff/site/posts/{post.pk}/publish/")
    assert centre_client.get("/news/open-day/").status_code == 200

    coordinator_client.post(f"/staff/site/posts/{post.pk}/unpublish/")
    assert centre_client.get("/news/open-day/").status_code == 404

    confirm = coordinator_client.get(f"/staff/site/posts/{post.pk}/delete/")
    assert confirm.status_code == 200 and "cannot be undone" in confirm.text
    with schema_context(centre.schema_name):
        assert Post.objects.exists()  # asking deletes nothing
    coordinator_client.post(f"/staff/site/posts/{post.pk}/delete/")
    with schema_context(centre.schema_name):
        assert not Post.objects.exists()


def test_the_overview_shows_the_snippet_to_embed_the_calendar(coordinator_client, centre):
    response = coordinator_client.get("/staff/site/")

    assert f"&lt;iframe src=&quot;http://{centre.slug}." in response.text
    assert "/embed/calendar/&quot;" in response.text


def test_the_activity_form_sets_the_target_group(coordinator_client, centre):
    response = coordinator_client.get("/activities/new/")

    assert 'name="target_group"' in response.text


def test_a_manager_adds_and_removes_opening_hours_and_a_closed_day(centre_admin_client, centre):
    from datetime import timedelta

    from django.utils import timezone

    from tenant_apps.home.models import OpeningException, OpeningHours

    added = centre_admin_client.post(
        "/staff/site/opening-hours/",
        {"hours-weekday": "2", "hours-opens": "09:00", "hours-closes": "15:00"},
    )
    day = timezone.localdate() + timedelta(days=3)
    centre_admin_client.post(
        "/staff/site/opening-hours/",
        {"exception-day": day.isoformat(), "exception-is_closed": "on", "exception-note": "Xmas"},
    )
    refused = centre_admin_client.post(
        "/staff/site/opening-hours/",
        {"hours-weekday": "2", "hours-opens": "15:00", "hours-closes": "09:00"},
    )

    assert added.status_code == 302
    assert refused.status_code == 200
    assert "The closing time must be after the opening time." in refused.text
    page = centre_admin_client.get("/staff/site/opening-hours/").text
    assert "Wednesday 09:00–15:00" in page and "Xmas" in page
    with schema_context(centre.schema_name):
        hours = OpeningHours.objects.get()
        exception = OpeningException.objects.get()
    centre_admin_client.post(f"/staff/site/opening-hours/{hours.pk}/delete/")
    centre_admin_client.post(f"/staff/site/opening-hours/exceptions/{exception.pk}/delete/")
    with schema_context(centre.schema_name):
        assert not OpeningHours.objects.exists() and not OpeningException.objects.exists()
