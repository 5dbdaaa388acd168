"""Writes to the centre's activity categories, activities and their sessions."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, time, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from tenant_apps.activities.models import (
    Activity,
    ActivityCategory,
    Session,
    Shift,
    ShiftSignup,
)
from tenant_apps.activities.recurrence import occurrences
from tenant_apps.activities.services.signups import signup_places_fill
from tenant_apps.people.models import TargetGroup
from tenant_apps.people.selectors import date_window
from tenants.current import centre_time_zone, local_moment
from toolkit.bounds import (
    CONTROL_CHARACTERS_MESSAGE,
    TEXT_MAX,
    date_refuse_outside,
    has_control_characters,
    position_next,
    position_refuse_outside,
)
from toolkit.errors import ApplicationError

# Sessions are generated at most this far ahead: enough for a season, never a runaway loop.
GENERATE_AHEAD_LIMIT = timedelta(days=2 * 366)


def activity_category_create(
    *,
    code: str,
    name_nb: str,
    name_da: str,
    name_en: str,
    position: int | None = None,
) -> ActivityCategory:
    """Add a category of activities to the centre; it goes last unless a position is given."""
    with transaction.atomic():
        if ActivityCategory.objects.filter(code=code).exists():
            raise ApplicationError(
                _("This centre already has a category with this code."), field="code"
            )
        if position is None:
            highest = ActivityCategory.objects.aggregate(highest=Max("position"))["highest"]
            position = position_next(highest)
        position_refuse_outside(position)
        for field, text in (("code", code), ("name_nb", name_nb), ("name_da", name_da)):
            if has_control_characters(text):
                raise ApplicationError(CONTROL_CHARACTERS_MESSAGE, field=field)
        if has_control_characters(name_en):
            raise ApplicationError(CONTROL_CHARACTERS_MESSAGE, field="name_en")
        return ActivityCategory.objects.create(
            code=code, name_nb=name_nb, name_da=name_da, name_en=name_en, position=position
        )


# --- Activities ---------------------------------------------------------------------------

# What a coordinator sets on an activity: the page's form, the API and the checks below
# all take this one list.
ACTIVITY_FIELDS = (
    "name",
    "category",
    "description",
    "place",
    "partner_associations",
    "recurrence",
    "first_date",
    "last_date",
    "start_time",
    "end_time",
    "requires_certificate",
    "is_public",
    "is_active",
    "target_group",
    "takes_signups",
    "signup_places",
)
MAX_SIGNUP_PLACES = 1000


def _clean_activity(
    values: dict[str, Any], *, new_dates: Iterable[str] = ("first_date", "last_date")
) -> dict[str, Any]:
    """Check an activity's fields together; the first broken rule is raised. The dates named
    in `new_dates` (those given anew) must lie in the centre's window of plausible dates."""
    values = dict(values)
    for text_field in ("name", "description", "place", "partner_associations"):
        values[text_field] = (values.get(text_field) or "").strip()
        if has_control_characters(values[text_field]):
            raise ApplicationError(CONTROL_CHARACTERS_MESSAGE, field=text_field)
    if len(values["description"]) > TEXT_MAX:
        raise ApplicationError(
            _("Keep the description within %(max)s characters.") % {"max": TEXT_MAX},
            field="description",
        )
    if not values["name"]:
        raise ApplicationError(_("Give the activity a name."), field="name")
    category = values.get("category")
    if not isinstance(category, ActivityCategory) or not category.is_active:
        raise ApplicationError(_("Choose one of the categories in use."), field="category")
    values["target_group"] = values.get("target_group") or ""
    if values["target_group"] and values["target_group"] not in TargetGroup.values:
        raise ApplicationError(_("Choose one of the target groups."), field="target_group")
    if values.get("recurrence") not in Activity.Recurrence.values:
        raise ApplicationError(_("Choose how often the activity happens."), field="recurrence")
    if not isinstance(values.get("first_date"), date):
        raise ApplicationError(_("Give the date of the first time."), field="first_date")
    for time_field in ("start_time", "end_time"):
        if not isinstance(values.get(time_field), time):
            raise ApplicationError(_("Give a time, for example 18:00."), field=time_field)
    if values["end_time"] <= values["start_time"]:
        raise ApplicationError(
            _("The activity must end after it starts (on the same day)."), field="end_time"
        )
    if values["recurrence"] == Activity.Recurrence.ONE_OFF:
        # A one-off activity ends the day it happens.
        values["last_date"] = values["first_date"]
    elif values.get("last_date") and values["last_date"] < values["first_date"]:
        raise ApplicationError(
            _("The last date cannot be before the first date."), field="last_date"
        )
    window = date_window()
    for date_field in new_dates:
        date_refuse_outside(
            values.get(date_field),
            earliest=window.earliest,
            latest=window.latest,
            field=date_field,
        )
    if values.get("takes_signups"):
        places = values.get("signup_places")
        if not isinstance(places, int) or places < 1:
            raise ApplicationError(
                _("Give the number of places per session for sign-ups."), field="signup_places"
            )
        if places > MAX_SIGNUP_PLACES:
            raise ApplicationError(
                _("At most %(max)s places per session.") % {"max": MAX_SIGNUP_PLACES},
                field="signup_places",
            )
        if not values.get("is_public"):
            raise ApplicationError(
                _("Only an activity shown on the public pages can take sign-ups."),
                field="takes_signups",
            )
    return values


def activity_create(
    *,
    name: str,
    category: ActivityCategory,
    recurrence: str,
    first_date: date,
    start_time: time,
    end_time: time,
    last_date: date | None = None,
    description: str = "",
    place: str = "",
    partner_associations: str = "",
    requires_certificate: bool = False,
    is_public: bool = True,
    is_active: bool = True,
    target_group: str = "",
    takes_signups: bool = False,
    signup_places: int | None = None,
) -> Activity:
    """Add an activity (its sessions are generated separately)."""
    values = _clean_activity(
        {
            "name": name,
            "category": category,
            "description": description,
            "place": place,
            "partner_associations": partner_associations,
            "recurrence": recurrence,
            "first_date": first_date,
            "last_date": last_date,
            "start_time": start_time,
            "end_time": end_time,
            "requires_certificate": requires_certificate,
            "is_public": is_public,
            "is_active": is_active,
            "target_group": target_group,
            "takes_signups": takes_signups,
            "signup_places": signup_places,
        }
    )
    with transaction.atomic():
        return Activity.objects.create(**values)


def activity_update(*, activity: Activity, data: dict[str, Any]) -> Activity:
    """Change an activity. New times apply to its coming sessions that kept the old times."""
    unknown = set(data) - set(ACTIVITY_FIELDS)
    if unknown:
        raise ApplicationError(_("Unknown field."), field=sorted(unknown)[0])
    with transaction.atomic():
        activity = Activity.objects.select_for_update().get(pk=activity.pk)
        old_times = (activity.start_time, activity.end_time)
        old_places = activity.signup_places if activity.takes_signups else None
        values = _clean_activity(
            {field: data.get(field, getattr(activity, field)) for field in ACTIVITY_FIELDS},
            new_dates=[
                field
                for field in ("first_date", "last_date")
                if field in data and data[field] != getattr(activity, field)
            ],
        )
        for field, value in values.items():
            setattr(activity, field, value)
        activity.save()
        new_times = (activity.start_time, activity.end_time)
        if new_times != old_times:
            today = timezone.localdate(timezone=centre_time_zone())
            Session.objects.filter(
                activity=activity,
                date__gte=today,
                start_time=old_times[0],
                end_time=old_times[1],
            ).update(start_time=new_times[0], end_time=new_times[1])
        if activity.takes_signups and (old_places is None or activity.signup_places > old_places):
            # More places: people move up from the waiting lists (and get an e-mail).
            signup_places_fill(activity=activity)
    return activity


# --- Sessions -----------------------------------------------------------------------------


def sessions_generate(*, activity: Activity, until: date) -> list[Session]:
    """Make the activity's sessions up to `until` from its recurrence.

    Idempotent: a date that has a session already (also a cancelled one, which is how an
    exception is kept) is left alone. New sessions get the shifts of the activity's latest
    session that has any.
    """
    today = timezone.localdate(timezone=centre_time_zone())
    if until > today + GENERATE_AHEAD_LIMIT:
        raise ApplicationError(_("Sessions can be planned at most two years ahead."), field="until")
    with transaction.atomic():
        # One generation at a time per activity: two at once would both try the same dates.
        activity = Activity.objects.select_for_update().get(pk=activity.pk)
        if not activity.is_active:
            raise ApplicationError(
                _("This activity is not running. Mark it as running first."), field="until"
            )
        if until < activity.first_date:
            raise ApplicationError(
                _("Choose a date on or after the activity's first date."), field="until"
            )
        wanted = occurrences(
            recurrence=activity.recurrence,
            first_date=activity.first_date,
            last_date=activity.last_date,
            until=until,
        )
        existing = set(
            Session.objects.filter(activity=activity, date__in=wanted).values_list(
                "date", flat=True
            )
        )
        created = Session.objects.bulk_create(
            Session(
                activity=activity,
                date=day,
                start_time=activity.start_time,
                end_time=activity.end_time,
            )
            for day in wanted
            if day not in existing
        )
        template = _latest_shift_template(activity)
        if template and created:
            Shift.objects.bulk_create(
                Shift(session=session, name=name, capacity=capacity)
                for session in created
                for name, capacity in template
            )
    return created


def _latest_shift_template(activity: Activity) -> list[tuple[str, int]]:
    latest = (
        Shift.objects.filter(session__activity=activity)
        .order_by("-session__date")
        .values_list("session_id", flat=True)
        .first()
    )
    if latest is None:
        return []
    return list(
        Shift.objects.filter(session_id=latest)
        .order_by("name", "id")
        .values_list("name", "capacity")
    )


def session_cancel(*, session: Session, note: str = "") -> Session:
    """Cancel one session; it stays as an exception so that generation never brings it back."""
    with transaction.atomic():
        session = Session.objects.select_for_update().get(pk=session.pk)
        if session.is_cancelled:
            raise ApplicationError(_("This session is already cancelled."))
        session.is_cancelled = True
        session.note = note.strip()[: Session._meta.get_field("note").max_length]
        session.save(update_fields=["is_cancelled", "note"])
    return session


def session_restore(*, session: Session) -> Session:
    """Take a session's cancellation back; its sign-ups are as they were."""
    with transaction.atomic():
        session = Session.objects.select_for_update().get(pk=session.pk)
        if not session.is_cancelled:
            raise ApplicationError(_("This session is not cancelled."))
        session.is_cancelled = False
        session.note = ""
        session.save(update_fields=["is_cancelled", "note"])
    return session


def session_move(*, session: Session, date: date, start_time: time, end_time: time) -> Session:
    """Change the date or time of one session; returns the session as it is now.

    A move to another day cancels the original date (so generation keeps it as an
    exception) and makes a session on the new day, which takes the shifts and sign-ups along.
    Sign-ups are reminded again for the new time.
    """
    if end_time <= start_time:
        raise ApplicationError(_("The session must end after it starts."), field="end_time")
    time_zone = centre_time_zone()
    if local_moment(date, start_time, time_zone) <= timezone.now():
        raise ApplicationError(_("Choose a date and time that has not passed."), field="date")
    with transaction.atomic():
        session = Session.objects.select_for_update().select_related("activity").get(pk=session.pk)
        if session.is_cancelled:
            raise ApplicationError(_("A cancelled session cannot be moved. Restore it first."))
        if local_moment(session.date, session.start_time, time_zone) <= timezone.now():
            raise ApplicationError(_("This session has already started."))
        if date == session.date:
            session.start_time, session.end_time = start_time, end_time
            session.save(update_fields=["start_time", "end_time"])
            moved = session
        else:
            if Session.objects.filter(activity=session.activity, date=date).exists():
                raise ApplicationError(
                    _("This activity already has a session on that day."), field="date"
                )
            moved = Session.objects.create(
                activity=session.activity,
                date=date,
                start_time=start_time,
                end_time=end_time,
                note=session.note,
            )
            Shift.objects.filter(session=session).update(session=moved)
            session.is_cancelled = True
            session.note = _("Moved to %(date)s") % {"date": date_format(date, "SHORT_DATE_FORMAT")}
            session.save(update_fields=["is_cancelled", "note"])
        ShiftSignup.objects.filter(shift__session=moved).update(reminder_sent_at=None)
    return moved
