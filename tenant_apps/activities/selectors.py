"""Reads of the centre's activities, sessions and shifts, each in a fixed number of queries."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from django.db.models import Count, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from tenant_apps.activities.models import (
    Activity,
    ActivityCategory,
    Attendance,
    Session,
    SessionSignup,
    Shift,
    ShiftSignup,
)
from tenant_apps.people.models import Volunteer
from tenants.current import centre_time_zone, local_moment

CONFIRMED = ShiftSignup.Status.CONFIRMED
WAITING = ShiftSignup.Status.WAITING


def activity_categories() -> QuerySet[ActivityCategory]:
    """The centre's activity categories in use, in display order."""
    return ActivityCategory.objects.filter(is_active=True)


def centre_today() -> date:
    """Today's date where the centre is."""
    return timezone.localdate(timezone=centre_time_zone())


def session_has_started(session: Session) -> bool:
    """Whether the session's start (in the centre's time zone) has passed."""
    return local_moment(session.date, session.start_time, centre_time_zone()) <= timezone.now()


# --- Activities ---------------------------------------------------------------------------


def activities_visible(*, include_hidden: bool) -> QuerySet[Activity]:
    """Activities a person may see: members see the public, running ones; staff all of them."""
    activities = Activity.objects.select_related("category")
    if not include_hidden:
        activities = activities.filter(is_public=True, is_active=True)
    return activities


def activity_list(*, include_hidden: bool, category_code: str = "") -> QuerySet[Activity]:
    """Activities with their category and the date of their next session (`next_date`)."""
    today = centre_today()
    next_session = (
        Session.objects.filter(activity=OuterRef("pk"), date__gte=today, is_cancelled=False)
        .order_by("date")
        .values("date")[:1]
    )
    activities = activities_visible(include_hidden=include_hidden).annotate(
        next_date=Subquery(next_session)
    )
    if category_code:
        activities = activities.filter(category__code=category_code)
    return activities.order_by("name", "id")


def shifts_with_fill() -> QuerySet[Shift]:
    """Shifts with `confirmed_count`, `waiting_count` and `free_places`."""
    return (
        Shift.objects.annotate(
            confirmed_count=Count("signups", filter=Q(signups__status=CONFIRMED)),
            waiting_count=Count("signups", filter=Q(signups__status=WAITING)),
        )
        .annotate(free_places=F("capacity") - F("confirmed_count"))
        .order_by("name", "id")
    )


def sessions_with_fill(*, include_hidden: bool = True) -> QuerySet[Session]:
    """Sessions with their activity and shifts (each with `confirmed_count`, `waiting_count`
    and `free_places`), in date order; members see those of public, running activities."""
    sessions = (
        Session.objects.select_related("activity__category")
        .prefetch_related(Prefetch("shifts", queryset=shifts_with_fill()))
        .order_by("date", "start_time", "activity__name", "id")
    )
    if not include_hidden:
        sessions = sessions.filter(activity__is_public=True, activity__is_active=True)
    return sessions


def sessions_between(
    *,
    start: date,
    end: date,
    activity: Activity | int | None = None,
    include_hidden: bool = True,
    include_cancelled: bool = True,
) -> QuerySet[Session]:
    """Sessions from `start` to `end` (both included), with their activity and their shifts
    (each with `confirmed_count` and `waiting_count`) — two queries whatever the number."""
    sessions = sessions_with_fill(include_hidden=include_hidden).filter(
        date__gte=start, date__lte=end
    )
    if activity is not None:
        sessions = sessions.filter(activity=activity)
    if not include_cancelled:
        sessions = sessions.filter(is_cancelled=False)
    return sessions


def upcoming_sessions(
    *, activity: Activity | int | None = None, weeks: int = 8, include_hidden: bool = True
) -> QuerySet[Session]:
    """Sessions from today to `weeks` ahead, with shifts and how full they are."""
    today = centre_today()
    return sessions_between(
        start=today,
        end=today + timedelta(weeks=weeks),
        activity=activity,
        include_hidden=include_hidden,
    )


def sessions_on(day: date) -> QuerySet[Session]:
    """The sessions that take place on one day (not cancelled), with shifts and fill counts."""
    return sessions_between(start=day, end=day, include_cancelled=False)


def unfilled_shifts(*, days: int = 14, today: date | None = None) -> QuerySet[Shift]:
    """Shifts of the coming `days` (today included) that still have free places, soonest
    first, each with `confirmed_count`, `waiting_count` and `free_places`."""
    today = today or centre_today()
    return (
        shifts_with_fill()
        .filter(
            session__date__gte=today,
            session__date__lt=today + timedelta(days=days),
            session__is_cancelled=False,
            session__activity__is_active=True,
        )
        .filter(free_places__gt=0)
        .select_related("session__activity")
        .order_by("session__date", "session__start_time", "session__activity__name", "name", "id")
    )


def session_detail(session_id: int) -> Session:
    """One session with its activity, shifts, and each shift's sign-ups and volunteers (in
    the order they signed up), plus its attendance counts. Raises Session.DoesNotExist."""
    signups = ShiftSignup.objects.select_related("volunteer").order_by("created_at", "id")
    return (
        Session.objects.select_related("activity__category")
        .prefetch_related(
            Prefetch(
                "shifts",
                queryset=shifts_with_fill().prefetch_related(Prefetch("signups", queryset=signups)),
            ),
            Prefetch(
                "attendance", queryset=Attendance.objects.order_by("age_band", "target_group")
            ),
        )
        .get(pk=session_id)
    )


def volunteer_upcoming_shifts(
    *, volunteer: Volunteer, today: date | None = None
) -> QuerySet[ShiftSignup]:
    """The volunteer's sign-ups (confirmed and waiting) from today on, soonest first."""
    today = today or centre_today()
    return (
        ShiftSignup.objects.filter(volunteer=volunteer, shift__session__date__gte=today)
        .select_related("shift__session__activity")
        .order_by("shift__session__date", "shift__session__start_time", "id")
    )


def volunteer_signups_in(
    *, volunteer: Volunteer, sessions: Iterable[Session | int]
) -> QuerySet[ShiftSignup]:
    """The volunteer's sign-ups (confirmed and waiting) in these sessions (or session ids)."""
    return ShiftSignup.objects.filter(volunteer=volunteer, shift__session__in=list(sessions))


def is_signed_up_for_session(*, volunteer: Volunteer, session: Session) -> bool:
    """Whether the volunteer is on one of the session's shifts (confirmed or waiting)."""
    return ShiftSignup.objects.filter(shift__session=session, volunteer=volunteer).exists()


def waiting_positions(signups: list[ShiftSignup]) -> dict[int, int]:
    """For waiting sign-ups: their place in the queue of their shift (1 = next to move up)."""
    waiting = [signup for signup in signups if signup.status == WAITING]
    if not waiting:
        return {}
    ahead = (
        ShiftSignup.objects.filter(shift_id__in={signup.shift_id for signup in waiting})
        .filter(status=WAITING)
        .order_by("shift_id", "created_at", "id")
        .values_list("id", "shift_id")
    )
    wanted = {signup.pk for signup in waiting}
    positions: dict[int, int] = {}
    counters: dict[int, int] = {}
    for signup_id, shift_id in ahead:
        counters[shift_id] = counters.get(shift_id, 0) + 1
        if signup_id in wanted:
            positions[signup_id] = counters[shift_id]
    return positions


def volunteer_calendar_signups(*, volunteer: Volunteer, since: date) -> QuerySet[ShiftSignup]:
    """Confirmed shifts of the volunteer from `since` on, in sessions that take place."""
    return (
        ShiftSignup.objects.filter(
            volunteer=volunteer,
            status=CONFIRMED,
            shift__session__date__gte=since,
            shift__session__is_cancelled=False,
        )
        .select_related("shift__session__activity")
        .order_by("shift__session__date", "shift__session__start_time", "id")
    )


def activity_calendar_sessions(*, activity: Activity, since: date) -> QuerySet[Session]:
    """The activity's sessions from `since` on that take place."""
    return Session.objects.filter(activity=activity, date__gte=since, is_cancelled=False).order_by(
        "date", "start_time"
    )


def active_volunteers() -> QuerySet[Volunteer]:
    """Volunteers who can be signed up for shifts, by name."""
    return Volunteer.objects.filter(status=Volunteer.Status.ACTIVE).order_by(
        "last_name", "first_name", "id"
    )


# --- Open shifts and a volunteer's own calendar ----------------------------------------------


def open_shifts(
    *, start: date, end: date, activity_id: int | None = None, place: str = ""
) -> QuerySet[Shift]:
    """Shifts from `start` to `end` (both included) with free places, in public, running
    activities and sessions that take place and have not started, soonest first; each with
    `confirmed_count`, `waiting_count` and `free_places`, its session and activity."""
    now = timezone.localtime(timezone=centre_time_zone())
    shifts = (
        shifts_with_fill()
        .filter(
            session__date__gte=max(start, now.date()),
            session__date__lte=end,
            session__is_cancelled=False,
            session__activity__is_public=True,
            session__activity__is_active=True,
            free_places__gt=0,
        )
        # Today's sessions that have begun take no more sign-ups.
        .exclude(session__date=now.date(), session__start_time__lte=now.time())
        .select_related("session__activity")
        .order_by("session__date", "session__start_time", "session__activity__name", "name", "id")
    )
    if activity_id is not None:
        shifts = shifts.filter(session__activity_id=activity_id)
    if place:
        shifts = shifts.filter(session__activity__place=place)
    return shifts


def open_shift_activities() -> list[tuple[int, str]]:
    """Id and name of the public, running activities, for the open shifts' filter (one query)."""
    return list(
        Activity.objects.filter(is_public=True, is_active=True)
        .order_by("name", "id")
        .values_list("id", "name")
    )


def open_shift_places() -> list[str]:
    """The places of public, running activities, for the open shifts' filter (one query)."""
    return list(
        activities_visible(include_hidden=False)
        .exclude(place="")
        .order_by("place")
        .values_list("place", flat=True)
        .distinct()
    )


def volunteer_shifts_between(
    *, volunteer: Volunteer, start: date, end: date
) -> QuerySet[ShiftSignup]:
    """The volunteer's sign-ups (confirmed and waiting) from `start` to `end` (both included),
    with shift, session and activity, in time order (one query)."""
    return (
        ShiftSignup.objects.filter(
            volunteer=volunteer,
            shift__session__date__gte=start,
            shift__session__date__lte=end,
        )
        .select_related("shift__session__activity")
        .order_by("shift__session__date", "shift__session__start_time", "id")
    )


# --- Sign-ups from the public ------------------------------------------------------------

SIGNUP_WEEKS_AHEAD = 8


def _signup_counts(sessions: QuerySet[Session]) -> QuerySet[Session]:
    confirmed = Count("signups", filter=Q(signups__status=SessionSignup.Status.CONFIRMED))
    return sessions.annotate(signups_confirmed=confirmed).annotate(
        signup_places_free=F("activity__signup_places") - F("signups_confirmed")
    )


def sessions_open_for_signup(
    *, activity: Activity | int | None = None, weeks: int = SIGNUP_WEEKS_AHEAD
) -> QuerySet[Session]:
    """Coming sessions (not cancelled, up to `weeks` ahead) of public, running activities
    that take sign-ups, in date order, each with `signups_confirmed` and
    `signup_places_free` (counts only: nobody's sign-up is shown to the public)."""
    today = centre_today()
    sessions = Session.objects.select_related("activity__category").filter(
        activity__takes_signups=True,
        activity__is_public=True,
        activity__is_active=True,
        is_cancelled=False,
        date__gte=today,
        date__lte=today + timedelta(weeks=weeks),
    )
    if activity is not None:
        sessions = sessions.filter(activity=activity)
    return _signup_counts(sessions).order_by("date", "start_time", "activity__name", "id")


def session_open_for_signup(session_id: int) -> Session | None:
    """One session a visitor may sign up for (see sessions_open_for_signup), or None; a
    session that started today is left out."""
    today = centre_today()
    session = (
        _signup_counts(
            Session.objects.select_related("activity__category").filter(
                activity__takes_signups=True,
                activity__is_public=True,
                activity__is_active=True,
                is_cancelled=False,
                date__gte=today,
            )
        )
        .filter(pk=session_id)
        .first()
    )
    if session is None or session_has_started(session):
        return None
    return session


def session_signups(session: Session | int) -> QuerySet[SessionSignup]:
    """Everyone signed up for a session: confirmed first, then the waiting list, each in the
    order they signed up."""
    # "confirmed" sorts before "waiting".
    return SessionSignup.objects.filter(session=session).order_by("status", "created_at", "id")


def signup_counts(sessions: Iterable[Session]) -> dict[int, tuple[int, int]]:
    """Session id → (confirmed, waiting) sign-ups from the public, in one query."""
    rows = (
        SessionSignup.objects.filter(session__in=[session.pk for session in sessions])
        .values("session_id")
        .annotate(
            confirmed=Count("id", filter=Q(status=SessionSignup.Status.CONFIRMED)),
            waiting=Count("id", filter=Q(status=SessionSignup.Status.WAITING)),
        )
    )
    return {row["session_id"]: (row["confirmed"], row["waiting"]) for row in rows}
