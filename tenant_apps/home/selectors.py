"""Reads for the centre's public site: only what staff marked public, nothing about a person."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, time, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from tenant_apps.activities.models import Activity, Session
from tenant_apps.activities.selectors import centre_today
from tenant_apps.home.models import CentreProfile, OpeningException, OpeningHours, Post

# How far the public calendar's list and feed reach.
CALENDAR_AHEAD = timedelta(weeks=12)
FEED_HISTORY = timedelta(days=30)


def centre_profile() -> CentreProfile:
    """The centre's profile (an unsaved empty one if staff have not written it yet), without
    the logo's bytes (see `centre_logo`)."""
    return CentreProfile.objects.defer("logo").order_by("pk").first() or CentreProfile()


def centre_logo() -> tuple[bytes, str] | None:
    """The logo's bytes and type, if the centre has one."""
    row = (
        CentreProfile.objects.exclude(logo=None)
        .order_by("pk")
        .values_list("logo", "logo_content_type")
        .first()
    )
    return (bytes(row[0]), row[1]) if row else None


# --- Opening hours --------------------------------------------------------------------------


@dataclass(frozen=True)
class OpeningDay:
    day: date
    times: tuple[tuple[time, time], ...]  # empty: closed
    note: str = ""
    is_exception: bool = False


def opening_hours_regular() -> QuerySet[OpeningHours]:
    """The regular weekly hours (no dates), Monday first."""
    return OpeningHours.objects.filter(valid_from__isnull=True).order_by("weekday", "opens")


def opening_hours_periodic(*, since: date | None = None) -> QuerySet[OpeningHours]:
    """Hours that hold for a period, those not over by `since` (all when None)."""
    periodic = OpeningHours.objects.filter(valid_from__isnull=False)
    if since is not None:
        periodic = periodic.filter(valid_until__gte=since)
    return periodic.order_by("valid_from", "weekday", "opens")


def opening_exceptions(*, since: date | None = None) -> QuerySet[OpeningException]:
    """Days that differ, from `since` on (all when None)."""
    exceptions = OpeningException.objects.all()
    if since is not None:
        exceptions = exceptions.filter(date__gte=since)
    return exceptions.order_by("date")


def opening_days(*, start: date, days: int = 7) -> list[OpeningDay]:
    """When the centre is open on each day from `start`: an exception for the day wins, then
    periodic hours covering it, then the regular hours of its weekday (three queries)."""
    end = start + timedelta(days=days - 1)
    hours = list(
        OpeningHours.objects.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=end, valid_until__gte=start)
        ).order_by("opens")
    )
    exceptions = {e.date: e for e in OpeningException.objects.filter(date__range=(start, end))}
    result = []
    for offset in range(days):
        day = start + timedelta(days=offset)
        exception = exceptions.get(day)
        if exception is not None:
            times = () if exception.is_closed else ((exception.opens, exception.closes),)
            result.append(OpeningDay(day, times, exception.note, is_exception=True))
            continue
        weekday = [h for h in hours if h.weekday == day.weekday()]
        periodic = [h for h in weekday if h.valid_from and h.valid_from <= day <= h.valid_until]
        chosen = periodic or [h for h in weekday if h.valid_from is None]
        note = next((h.note for h in chosen if h.note), "")
        result.append(OpeningDay(day, tuple((h.opens, h.closes) for h in chosen), note))
    return result


# --- The public calendar --------------------------------------------------------------------


@dataclass(frozen=True)
class CalendarFilter:
    category: str = ""
    target_group: str = ""
    weekday: int | None = None
    place: str = ""


def public_activities() -> QuerySet[Activity]:
    """Activities staff marked public that are running."""
    return Activity.objects.filter(is_public=True, is_active=True).select_related("category")


def public_activity(activity_id: int) -> Activity | None:
    """A public, running activity, or None (hidden ones are as if they did not exist)."""
    return public_activities().filter(pk=activity_id).first()


def public_places() -> list[str]:
    """The places of public activities, for the calendar's filter (one query)."""
    return list(
        public_activities()
        .exclude(place="")
        .order_by("place")
        .values_list("place", flat=True)
        .distinct()
    )


def public_sessions(
    *, start: date, end: date, filters: CalendarFilter | None = None
) -> QuerySet[Session]:
    """Sessions of public, running activities from `start` to `end` (both included) that take
    place, with their activity and category (one query); no shifts, no sign-ups."""
    sessions = Session.objects.filter(
        date__gte=start,
        date__lte=end,
        is_cancelled=False,
        activity__is_public=True,
        activity__is_active=True,
    ).select_related("activity__category")
    filters = filters or CalendarFilter()
    if filters.category:
        sessions = sessions.filter(activity__category__code=filters.category)
    if filters.target_group:
        sessions = sessions.filter(activity__target_group=filters.target_group)
    if filters.weekday is not None:
        # PostgreSQL's ISO weekday: Monday = 1.
        sessions = sessions.filter(date__iso_week_day=filters.weekday + 1)
    if filters.place:
        sessions = sessions.filter(activity__place=filters.place)
    return sessions.order_by("date", "start_time", "activity__name", "id")


def public_sessions_this_week() -> QuerySet[Session]:
    """Public sessions from today to the end of this week (Sunday)."""
    today = centre_today()
    return public_sessions(start=today, end=today + timedelta(days=6 - today.weekday()))


def month_weeks(year: int, month: int) -> list[list[date]]:
    """The weeks (Monday first) that show the month, days of the months around included."""
    return calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)


# --- News and pages -------------------------------------------------------------------------


def published_posts(kind: str) -> QuerySet[Post]:
    """Published news items or pages, newest first."""
    return Post.objects.filter(
        kind=kind, published_at__isnull=False, published_at__lte=timezone.now()
    )


def published_post(kind: str, slug: str) -> Post | None:
    return published_posts(kind).filter(slug=slug).first()


def published_pages() -> list[Post]:
    """Published simple pages by title (for the site's menu), one query."""
    return list(published_posts(Post.Kind.PAGE).order_by("title", "id").only("title", "slug"))


def posts_for_staff(kind: str | None = None) -> QuerySet[Post]:
    """News and pages, drafts included, newest first."""
    posts = Post.objects.all()
    if kind:
        posts = posts.filter(kind=kind)
    return posts.order_by("kind", "-published_at", "-updated_at", "-id")
