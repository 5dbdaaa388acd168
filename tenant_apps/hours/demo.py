"""A believable year of volunteer hours for a demo centre (called inside its schema, after
the people, activities and help requests demo data)."""

from __future__ import annotations

import datetime
import random
from collections import defaultdict
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from tenant_apps.activities.models import Activity, ActivityCategory, Session, ShiftSignup
from tenant_apps.helprequests.models import Assignment
from tenant_apps.hours.models import HoursEntry
from tenant_apps.people.models import Volunteer
from tenants.contracts import CentreDemo

# Shares of the year's hours: activities (their sessions first), one-to-one help, other work
# logged by category.
SESSION_SHARE = 0.55
ASSIGNMENT_SHARE = 0.25
WAITING_ENTRIES = 12  # recent entries left waiting for a coordinator's approval
OTHER_WORK = ("events", "courses", "lending-reuse", "inclusion", "other")
HALF_HOURS = [Decimal(n) / 2 for n in range(2, 13)]  # 1 to 6 hours


def _session_hours(session) -> Decimal:
    start = datetime.datetime.combine(session["date"], session["start_time"])
    end = datetime.datetime.combine(session["date"], session["end_time"])
    half_hours = max(1, round((end - start).total_seconds() / 1800))
    return min(Decimal(half_hours) / 2, Decimal(12))


def load_demo_hours(*, seed: int, year_hours: int = 7000) -> None:
    """About `year_hours` approved hours over the last year, spread over volunteers,
    categories, sessions and help assignments, with a few recent ones waiting for approval.
    Does nothing if the centre already has hours or has no volunteers."""
    if HoursEntry.objects.exists():
        return
    volunteers = list(
        Volunteer.objects.exclude(status=Volunteer.Status.ENDED).values_list("id", "start_date")
    )
    categories = dict(ActivityCategory.objects.filter(is_active=True).values_list("code", "id"))
    if not volunteers or not categories:
        return
    rng = random.Random(seed)
    today = timezone.localdate()
    first_day = today - datetime.timedelta(days=364)
    target = Decimal(year_hours)
    entries: list[HoursEntry] = []
    total = Decimal(0)

    def add(volunteer_id, category_id, date, hours, **links) -> None:
        nonlocal total
        entries.append(
            HoursEntry(
                volunteer_id=volunteer_id,
                category_id=category_id,
                date=date,
                hours=hours,
                status=HoursEntry.Status.APPROVED,
                approved_at=timezone.make_aware(
                    datetime.datetime.combine(
                        min(date + datetime.timedelta(days=rng.randint(1, 10)), today),
                        datetime.time(12),
                    )
                ),
                **links,
            )
        )
        total += hours

    # Activity sessions: the confirmed volunteers (or, without sign-ups, a few at random).
    sessions = list(
        Session.objects.filter(date__range=(first_day, today), is_cancelled=False)
        .values("id", "date", "start_time", "end_time", "activity_id", "activity__category_id")
        .order_by("date", "id")
    )
    confirmed: dict[int, list[int]] = defaultdict(list)
    for session_id, volunteer_id in ShiftSignup.objects.filter(
        shift__session__date__range=(first_day, today), status=ShiftSignup.Status.CONFIRMED
    ).values_list("shift__session_id", "volunteer_id"):
        confirmed[session_id].append(volunteer_id)
    rng.shuffle(sessions)
    for session in sessions:
        if total >= target * Decimal(SESSION_SHARE):
            break
        people = sorted(set(confirmed.get(session["id"]) or [])) or [
            pk for pk, _start in rng.sample(volunteers, k=min(len(volunteers), rng.randint(1, 3)))
        ]
        for volunteer_id in people:
            add(
                volunteer_id,
                session["activity__category_id"],
                session["date"],
                _session_hours(session),
                activity_id=session["activity_id"],
                session_id=session["id"],
            )

    # Sessions generated for the last weeks only: the earlier months of the year are logged
    # against the activities themselves, so that every activity has its year of hours.
    activities = list(Activity.objects.values_list("id", "category_id", "first_date"))
    while activities and total < target * Decimal(SESSION_SHARE):
        activity_id, category_id, first_date = rng.choice(activities)
        start = max(first_date, first_day)
        if start > today:
            activities.remove((activity_id, category_id, first_date))
            continue
        date = start + datetime.timedelta(days=rng.randint(0, (today - start).days))
        volunteer_id, _start = rng.choice(volunteers)
        add(volunteer_id, category_id, date, rng.choice(HALF_HOURS[1:6]), activity_id=activity_id)

    # One-to-one help: visits of each assigned volunteer, about weekly while it ran.
    help_category = categories.get("one-to-one-help") or next(iter(categories.values()))
    assignments = list(
        Assignment.objects.filter(volunteer__isnull=False)
        .exclude(ended_on__lt=first_day)
        .values_list("id", "volunteer_id", "started_on", "ended_on")
    )
    assignment_budget = total + target * Decimal(ASSIGNMENT_SHARE)
    while assignments and total < assignment_budget:
        assignment_id, volunteer_id, started_on, ended_on = rng.choice(assignments)
        start = max(started_on, first_day)
        end = min(ended_on or today, today)
        if end < start:
            assignments.remove((assignment_id, volunteer_id, started_on, ended_on))
            continue
        date = start + datetime.timedelta(days=rng.randint(0, (end - start).days))
        add(
            volunteer_id,
            help_category,
            date,
            rng.choice(HALF_HOURS[:5]),
            assignment_id=assignment_id,
        )

    # Everything else: events, courses, repair café … logged by category.
    other = [categories[code] for code in OTHER_WORK if code in categories]
    other = other or list(categories.values())
    while total < target:
        volunteer_id, start_date = rng.choice(volunteers)
        earliest = max(first_day, start_date or first_day)
        if earliest > today:
            earliest = first_day
        date = earliest + datetime.timedelta(days=rng.randint(0, (today - earliest).days))
        add(volunteer_id, rng.choice(other), date, rng.choice(HALF_HOURS))

    # The most recent few wait for a coordinator.
    recent = sorted(
        (entry for entry in entries if entry.date >= today - datetime.timedelta(days=14)),
        key=lambda entry: entry.date,
    )
    for entry in recent[-WAITING_ENTRIES:]:
        entry.status = HoursEntry.Status.SUBMITTED
        entry.approved_at = None

    with transaction.atomic():
        HoursEntry.objects.bulk_create(entries, batch_size=1000)


def hours_demo(centre: CentreDemo, *, write=print) -> None:
    """CENTRE_DEMO_STEPS: a year of hours, as many as the centre's size asks."""
    load_demo_hours(seed=centre.seed, year_hours=round(7000 * centre.size))
