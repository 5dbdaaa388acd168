"""Writes to the centre's public face: profile, logo, opening hours, news and pages."""

from __future__ import annotations

from datetime import date, time
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from tenant_apps.home.models import (
    ActivityProfile,
    CentreProfile,
    OpeningException,
    OpeningHours,
    Post,
)
from tenant_apps.home.palette import PALETTE
from toolkit.errors import ApplicationError
from toolkit.markdown import markdown_to_safe_html
from toolkit.uploads import image_upload_check

LOGO_MAX_BYTES = 512 * 1024

PROFILE_FIELDS = (
    "description",
    "street_address",
    "postal_code",
    "city",
    "phone",
    "email",
    "activity_profiles",
    "colours",
)


def _profile_for_update() -> CentreProfile:
    profile = CentreProfile.objects.select_for_update().order_by("pk").first()
    return profile or CentreProfile.objects.create()


def centre_profile_update(*, data: dict[str, Any]) -> CentreProfile:
    """Change what the public site says about the centre."""
    unknown = set(data) - set(PROFILE_FIELDS)
    if unknown:
        raise ApplicationError(_("Unknown field."), field=sorted(unknown)[0])
    if "colours" in data and data["colours"] not in {pair.code for pair in PALETTE}:
        raise ApplicationError(_("Choose one of the colour pairs."), field="colours")
    profiles = list(data.get("activity_profiles") or [])
    if any(code not in ActivityProfile.values for code in profiles):
        raise ApplicationError(_("Choose among the activity profiles."), field="activity_profiles")
    with transaction.atomic():
        profile = _profile_for_update()
        for field, value in data.items():
            setattr(profile, field, value.strip() if isinstance(value, str) else value)
        profile.activity_profiles = [c for c in ActivityProfile.values if c in profiles]
        profile.save()
    return profile


def centre_logo_set(*, upload: UploadedFile) -> CentreProfile:
    """Give the centre a logo: a PNG, JPEG or WebP of at most 512 KB, checked by its bytes."""
    image = image_upload_check(upload, max_bytes=LOGO_MAX_BYTES, field="logo")
    with transaction.atomic():
        profile = _profile_for_update()
        profile.logo = image.content
        profile.logo_content_type = image.content_type
        profile.logo_version = F("logo_version") + 1
        profile.save()
        profile.refresh_from_db()
    return profile


def centre_logo_remove() -> None:
    """Take the logo off the public site."""
    CentreProfile.objects.update(
        logo=None, logo_content_type="", logo_version=F("logo_version") + 1
    )


# --- Opening hours --------------------------------------------------------------------------


def opening_hours_add(
    *,
    weekday: int,
    opens: time,
    closes: time,
    valid_from: date | None = None,
    valid_until: date | None = None,
    note: str = "",
) -> OpeningHours:
    """Add opening hours for a weekday: regular (no dates) or for a period (both dates)."""
    if weekday not in range(7):
        raise ApplicationError(_("Choose a weekday."), field="weekday")
    if closes <= opens:
        raise ApplicationError(
            _("The closing time must be after the opening time."), field="closes"
        )
    if (valid_from is None) != (valid_until is None):
        raise ApplicationError(
            _("Give both dates of the period, or neither for regular hours."),
            field="valid_until" if valid_from else "valid_from",
        )
    if valid_from and valid_until < valid_from:
        raise ApplicationError(_("The period cannot end before it starts."), field="valid_until")
    return OpeningHours.objects.create(
        weekday=weekday,
        opens=opens,
        closes=closes,
        valid_from=valid_from,
        valid_until=valid_until,
        note=note.strip(),
    )


def opening_hours_delete(*, hours_id: int) -> None:
    """Remove one line of opening hours."""
    OpeningHours.objects.filter(pk=hours_id).delete()


def opening_exception_add(
    *,
    day: date,
    is_closed: bool,
    opens: time | None = None,
    closes: time | None = None,
    note: str = "",
) -> OpeningException:
    """Say that a day differs: closed, or open at other times."""
    if not is_closed:
        if opens is None or closes is None:
            raise ApplicationError(
                _("Give the opening and closing times, or tick “closed all day”."),
                field="opens" if opens is None else "closes",
            )
        if closes <= opens:
            raise ApplicationError(
                _("The closing time must be after the opening time."), field="closes"
            )
    else:
        opens = closes = None
    try:
        with transaction.atomic():
            return OpeningException.objects.create(
                date=day, is_closed=is_closed, opens=opens, closes=closes, note=note.strip()
            )
    except IntegrityError:
        raise ApplicationError(
            _("This day already has an exception; remove it first to change it."), field="day"
        ) from None


def opening_exception_delete(*, exception_id: int) -> None:
    """Remove an exception: the day follows the usual hours again."""
    OpeningException.objects.filter(pk=exception_id).delete()


# --- News and pages -------------------------------------------------------------------------


def _unique_slug(kind: str, title: str, slug: str, exclude_id: int | None) -> str:
    base = slugify(slug or title)[:70] or kind
    taken = set(
        Post.objects.filter(kind=kind, slug__startswith=base)
        .exclude(pk=exclude_id)
        .values_list("slug", flat=True)
    )
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def post_save(
    *,
    post: Post | None = None,
    kind: str,
    title: str,
    body: str,
    summary: str = "",
    slug: str = "",
) -> Post:
    """Write a news item or page (new when `post` is None); the text is rendered to sanitised
    HTML once, here. Saving does not publish it."""
    title = title.strip()
    if not title:
        raise ApplicationError(_("Give it a title."), field="title")
    if kind not in Post.Kind.values:
        raise ApplicationError(_("Choose news or page."), field="kind")
    with transaction.atomic():
        if post is not None:
            post = Post.objects.select_for_update().get(pk=post.pk)
            kind = post.kind
        else:
            post = Post(kind=kind)
        post.title = title
        post.summary = summary.strip()
        post.body = body
        post.body_html = markdown_to_safe_html(body)
        post.slug = _unique_slug(kind, title, slugify(slug), post.pk)
        post.save()
    return post


def post_publish(*, post: Post) -> Post:
    """Show the news item or page on the public site (from now)."""
    Post.objects.filter(pk=post.pk, published_at__isnull=True).update(published_at=timezone.now())
    post.refresh_from_db()
    return post


def post_unpublish(*, post: Post) -> Post:
    """Take it off the public site; it stays as a draft."""
    Post.objects.filter(pk=post.pk).update(published_at=None)
    post.refresh_from_db()
    return post


def post_delete(*, post: Post) -> None:
    """Delete the news item or page for good."""
    Post.objects.filter(pk=post.pk).delete()
