"""The centre's public site: anyone may read it, no sign-in. It shows only what staff marked
public (public, running activities; published news and pages; the profile) and never a
person: no volunteer, participant, sign-up or author appears on these pages."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_GET

from shared_apps.accounts.access import public
from tenant_apps.activities.calendars import public_sessions_feed
from tenant_apps.activities.selectors import activity_categories, centre_today
from tenant_apps.home import selectors
from tenant_apps.home.forms import CalendarFilterForm
from tenant_apps.home.models import Post
from tenant_apps.home.navigation import PUBLIC_MENU
from toolkit.pagination import paginate

HOME_NEWS = 3
OPENING_CHANGES_AHEAD = timedelta(days=90)


@public
@require_GET
def home(request):
    """The centre's front page: who it is, when it is open, this week's activities, news."""
    today = centre_today()
    return render(
        request,
        "home/home.html",
        {
            "categories": activity_categories(),
            "opening_days": selectors.opening_days(start=today),
            # What differs later: a summer period, a closed day (beyond the week shown).
            "opening_periods": selectors.opening_hours_periodic(since=today).filter(
                valid_from__lte=today + OPENING_CHANGES_AHEAD
            ),
            "opening_exceptions": selectors.opening_exceptions(since=today).filter(
                date__lte=today + OPENING_CHANGES_AHEAD
            ),
            "sessions": selectors.public_sessions_this_week(),
            "news": selectors.published_posts(Post.Kind.NEWS)[:HOME_NEWS],
        },
    )


def _calendar_filter(request) -> tuple[CalendarFilterForm, selectors.CalendarFilter]:
    form = CalendarFilterForm(request.GET or None, places=selectors.public_places())
    if form.is_valid():
        data = form.cleaned_data
        return form, selectors.CalendarFilter(
            category=data["category"],
            target_group=data["target_group"],
            weekday=data["weekday"],
            place=data["place"],
        )
    return form, selectors.CalendarFilter()


def _filter_query(request) -> str:
    """The filter's part of the query string (no page, no month), for the view links."""
    query = request.GET.copy()
    for name in ("page", "month"):
        query.pop(name, None)
    return query.urlencode()


@public
@require_GET
def calendar_list(request):
    """The public activities coming up, day by day, with the filter."""
    form, filters = _calendar_filter(request)
    today = centre_today()
    sessions = selectors.public_sessions(
        start=today, end=today + selectors.CALENDAR_AHEAD, filters=filters
    )
    return render(
        request,
        "home/calendar_list.html",
        {
            "form": form,
            "filter_query": _filter_query(request),
            "page": paginate(request, sessions, per_page=40),
        },
    )


def _month(value: str | None, today: date) -> date:
    try:
        year, month = (int(part) for part in (value or "").split("-"))
        return date(year, month, 1)
    except ValueError:
        return today.replace(day=1)


@public
@require_GET
def calendar_month(request):
    """A month of public activities as a grid (a list of days on a phone)."""
    form, filters = _calendar_filter(request)
    today = centre_today()
    first = _month(request.GET.get("month"), today)
    weeks = selectors.month_weeks(first.year, first.month)
    sessions = selectors.public_sessions(start=weeks[0][0], end=weeks[-1][-1], filters=filters)
    by_day: dict[date, list] = {}
    for session in sessions:
        by_day.setdefault(session.date, []).append(session)
    previous = (first - timedelta(days=1)).replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return render(
        request,
        "home/calendar_month.html",
        {
            "form": form,
            "filter_query": _filter_query(request),
            "month": first,
            "today": today,
            "weeks": [[(day, by_day.get(day, [])) for day in week] for week in weeks],
            "days_with_sessions": [
                (day, by_day[day]) for day in sorted(by_day) if day.month == first.month
            ],
            "previous_month": previous.strftime("%Y-%m"),
            "next_month": following.strftime("%Y-%m"),
        },
    )


@public
@require_GET
def activity_page(request, activity_id: int):
    """One public activity: what, where, for whom, and when it happens next."""
    activity = selectors.public_activity(activity_id)
    if activity is None:
        raise Http404
    today = centre_today()
    sessions = selectors.public_sessions(start=today, end=today + selectors.CALENDAR_AHEAD).filter(
        activity=activity
    )[:12]
    return render(request, "home/activity_page.html", {"activity": activity, "sessions": sessions})


@public
@require_GET
def calendar_feed(request):
    """The public calendar for calendar apps (.ics): a month back, twelve weeks ahead."""
    today = centre_today()
    sessions = selectors.public_sessions(
        start=today - selectors.FEED_HISTORY, end=today + selectors.CALENDAR_AHEAD
    )
    content = public_sessions_feed(
        sessions, name=request.centre.name, host=request.get_host().split(":")[0]
    )
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="calendar.ics"'
    response["Cache-Control"] = "public, max-age=900"
    return response


# The embeddable calendar: any site may frame this page, and only this one (every other
# response keeps X-Frame-Options: DENY and frame-ancestors 'none').
EMBED_CSP = {**settings.SECURE_CSP, "frame-ancestors": ["*"]}
EMBED_WEEKS = 4


@public
@require_GET
@xframe_options_exempt
@csp_override(EMBED_CSP)
def calendar_embed(request):
    """The coming public activities in a bare page for an <iframe> on another site."""
    today = centre_today()
    sessions = selectors.public_sessions(start=today, end=today + timedelta(weeks=EMBED_WEEKS))
    return render(request, "home/calendar_embed.html", {"sessions": sessions[:30]})


# --- News and pages -------------------------------------------------------------------------


@public
@require_GET
def news_list(request):
    """The centre's published news, newest first."""
    return render(
        request,
        "home/news_list.html",
        {"page": paginate(request, selectors.published_posts(Post.Kind.NEWS), per_page=10)},
    )


@public
@require_GET
def news_detail(request, slug: str):
    post = selectors.published_post(Post.Kind.NEWS, slug)
    if post is None:
        raise Http404
    return render(request, "home/post_detail.html", {"post": post})


@public
@require_GET
def page_detail(request, slug: str):
    post = selectors.published_post(Post.Kind.PAGE, slug)
    if post is None:
        raise Http404
    return render(request, "home/post_detail.html", {"post": post})


# --- Files for machines ---------------------------------------------------------------------


@public
@require_GET
def logo(request, version: int):
    """The centre's logo (the version in the address lets browsers keep it for a year)."""
    logo = selectors.centre_logo()
    if logo is None:
        raise Http404
    content, content_type = logo
    response = HttpResponse(content, content_type=content_type)
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    response["Content-Security-Policy"] = "default-src 'none'"
    return response


@public
@require_GET
def robots_txt(request):
    """What search engines may index on this centre's host: the public site, not the rest."""
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    # Each page of the public menu and what lies below it (an activity below the calendar).
    sections = [reverse(item.view_name) for item in PUBLIC_MENU]
    sections += [
        reverse("site:page", args=["-"]).removesuffix("-/"),
        reverse("site:logo", args=[0]).removesuffix("0/"),
    ]
    lines = [
        "User-agent: *",
        "Allow: /$",
        *(f"Allow: {section}" for section in dict.fromkeys(sections) if section != "/"),
        "Disallow: /",
        f"Sitemap: {sitemap}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@public
@require_GET
def sitemap_xml(request):
    """Every public page of the centre's site, for search engines."""
    urls = [reverse(item.view_name) for item in PUBLIC_MENU]
    urls.append(reverse("site:calendar_month"))
    urls += [reverse("site:activity", args=[a.pk]) for a in selectors.public_activities()]
    urls += [reverse("site:news_detail", args=[p.slug]) for p in selectors.published_posts("news")]
    urls += [reverse("site:page", args=[p.slug]) for p in selectors.published_posts("page")]
    seen, unique = set(), []
    for url in urls:
        if url not in seen:
            seen.add(url)
            unique.append(request.build_absolute_uri(url))
    response = render(
        request,
        "home/sitemap.xml",
        {"urls": unique, "today": timezone.localdate()},
        content_type="application/xml; charset=utf-8",
    )
    return response
