"""The public site as an anonymous visitor sees it: only what staff marked public, the
calendar's filters and views, the iCal feed, news and pages, the embeddable calendar (the one
frameable page), and the files for search engines."""

from __future__ import annotations

import re
from datetime import time, timedelta

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from tenant_apps.activities.tests.factories import make_activity, make_session, today
from tenant_apps.home import services
from tenant_apps.home.models import OpeningException, OpeningHours, Post
from tenant_apps.home.navigation import PUBLIC_MENU
from tenant_apps.home.selectors import opening_days


def text_of(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.fixture
def week(inside):
    """A public and a hidden activity with a session tomorrow, and a stopped one."""
    with inside():
        tomorrow = today() + timedelta(days=1)
        shown = make_activity(name="Language café", first_date=tomorrow, place="Library")
        hidden = make_activity(name="Board meeting", is_public=False, first_date=tomorrow)
        stopped = make_activity(name="Old choir", is_active=False, first_date=tomorrow)
        for activity in (shown, hidden, stopped):
            make_session(activity)
        return {"shown": shown, "hidden": hidden, "stopped": stopped, "day": tomorrow}


def test_the_calendar_shows_public_running_activities_only(visitor, week):
    page = text_of(visitor.get("/calendar/"))

    assert "Language café" in page
    assert "Board meeting" not in page
    assert "Old choir" not in page


def test_a_hidden_activity_has_no_public_page(visitor, week):
    assert visitor.get(f"/calendar/activity/{week['shown'].pk}/").status_code == 200
    assert visitor.get(f"/calendar/activity/{week['hidden'].pk}/").status_code == 404
    assert visitor.get(f"/calendar/activity/{week['stopped'].pk}/").status_code == 404


def test_the_calendar_filters_by_category_target_group_weekday_and_place(visitor, inside):
    from tenant_apps.activities.models import ActivityCategory

    with inside():
        day = today() + timedelta(days=1)
        walk = make_activity(
            name="Walking group",
            first_date=day,
            place="Church",
            target_group="seniors",
            category=ActivityCategory.objects.get(code="physical-activity"),
        )
        cafe = make_activity(name="Family café", first_date=day, place="Library")
        make_session(walk)
        make_session(cafe)
        other_day = (day.weekday() + 1) % 7

    def names(query: str) -> set[str]:
        return {s.activity.name for s in visitor.get(f"/calendar/?{query}").context["page"]}

    assert names("") == {"Walking group", "Family café"}
    assert names("category=physical-activity") == {"Walking group"}
    assert names("target_group=seniors") == {"Walking group"}
    assert names("place=Library") == {"Family café"}
    assert names(f"weekday={day.weekday()}") == {"Walking group", "Family café"}
    assert names(f"weekday={other_day}") == set()


def test_the_month_view_places_sessions_on_their_day(visitor, week):
    day = week["day"]
    response = visitor.get(f"/calendar/month/?month={day:%Y-%m}")

    assert response.status_code == 200
    days = dict(response.context["days_with_sessions"])
    assert [s.activity.name for s in days[day]] == ["Language café"]
    # A month that does not parse shows this month rather than an error.
    assert visitor.get("/calendar/month/?month=soon").status_code == 200


def test_the_ical_feed_holds_the_public_sessions_only(visitor, week):
    response = visitor.get("/calendar.ics")

    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    summaries = [str(event["summary"]) for event in calendar.walk("VEVENT")]
    assert summaries == ["Language café"]


def test_the_embeddable_calendar_alone_may_be_framed_by_other_sites(visitor, week):
    embed = visitor.get("/embed/calendar/")
    home = visitor.get("/")

    assert embed.status_code == 200
    assert "Language café" in embed.text and "Board meeting" not in embed.text
    assert "X-Frame-Options" not in embed.headers
    assert "frame-ancestors *" in embed["Content-Security-Policy"]
    assert home["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in home["Content-Security-Policy"]


def test_news_show_once_published_and_markdown_is_sanitised(visitor, inside):
    with inside():
        post = services.post_save(
            kind=Post.Kind.NEWS,
            title="Summer party",
            summary="Join us in June.",
            body="**Welcome**\n\n<script>alert(1)</script>\n\n[bad](javascript:alert(1))",
        )
    assert visitor.get("/news/summer-party/").status_code == 404
    assert "Summer party" not in visitor.get("/news/").text

    with inside():
        services.post_publish(post=post)
    response = visitor.get("/news/summer-party/")

    assert response.status_code == 200
    assert "<strong>Welcome</strong>" in response.text
    assert "<script>alert" not in response.text
    assert 'href="javascript:' not in response.text
    assert '<meta name="description" content="Join us in June.">' in response.text
    assert '<meta property="og:title" content="Summer party">' in response.text
    assert "Summer party" in visitor.get("/").text

    with inside():
        services.post_unpublish(post=post)
    assert visitor.get("/news/summer-party/").status_code == 404


def test_a_published_page_appears_in_the_site_menu(visitor, inside):
    with inside():
        page = services.post_save(kind=Post.Kind.PAGE, title="About us", body="## Who we are")
        services.post_publish(post=page)

    response = visitor.get("/pages/about-us/")

    assert response.status_code == 200
    assert "<h2>Who we are</h2>" in response.text
    assert 'href="/pages/about-us/" aria-current="page"' in response.text


def test_robots_and_sitemap_list_the_public_pages_on_the_centres_host(visitor, week, centre):
    robots = visitor.get("/robots.txt").text
    sitemap = visitor.get("/sitemap.xml").text
    host = f"http://{centre.slug}."

    assert f"Sitemap: {host}" in robots and "Disallow: /" in robots
    # Every section of the public menu may be indexed (also those other apps add), the
    # staff pages may not.
    for item in PUBLIC_MENU:
        url = reverse(item.view_name)
        assert url == "/" or f"Allow: {url}\n" in robots
    assert "Allow: /pages/\n" in robots and "/staff" not in robots
    assert f"<loc>{host}" in sitemap
    assert f"/calendar/activity/{week['shown'].pk}/</loc>" in sitemap
    assert f"/calendar/activity/{week['hidden'].pk}/</loc>" not in sitemap


def test_opening_hours_exceptions_win_over_periods_which_win_over_regular_hours(inside):
    with inside():
        monday = today() - timedelta(days=today().weekday()) + timedelta(weeks=1)
        services.opening_hours_add(weekday=0, opens=time(9), closes=time(15))
        services.opening_hours_add(weekday=1, opens=time(9), closes=time(15))
        services.opening_hours_add(
            weekday=1,
            opens=time(10),
            closes=time(13),
            valid_from=monday,
            valid_until=monday + timedelta(days=30),
            note="Summer",
        )
        services.opening_exception_add(day=monday, is_closed=True, note="Holiday")
        days = opening_days(start=monday, days=3)

    assert days[0].times == () and days[0].note == "Holiday"
    assert days[1].times == ((time(10), time(13)),) and days[1].note == "Summer"
    assert days[2].times == ()  # no hours on Wednesdays


def test_the_home_page_shows_the_profile_this_weeks_activities_and_opening_hours(
    visitor, inside, stopped_clock
):
    with inside():
        services.centre_profile_update(
            data={
                "description": "A meeting place for everyone.",
                "street_address": "Storgata 1",
                "email": "post@alpha.example",
                "activity_profiles": ["meeting_place"],
                "colours": "forest",
            }
        )
        services.opening_hours_add(
            weekday=timezone.localdate().weekday(), opens=time(9), closes=time(15)
        )
        make_session(make_activity(name="Knitting café", first_date=today()))

    page = text_of(visitor.get("/"))

    assert "A meeting place for everyone." in page
    assert "Storgata 1" in page and "post@alpha.example" in page
    assert "Meeting place open to all" in page
    assert "Knitting café" in page
    assert "09:00–15:00" in page
    assert "#1d5e3a" in page  # the forest colour pair


def test_opening_hours_refuse_half_periods_and_reversed_times(inside):
    from toolkit.errors import ApplicationError

    with inside():
        with pytest.raises(ApplicationError) as error:
            services.opening_hours_add(weekday=0, opens=time(15), closes=time(9))
        assert error.value.field == "closes"
        with pytest.raises(ApplicationError) as error:
            services.opening_hours_add(
                weekday=0, opens=time(9), closes=time(15), valid_from=today()
            )
        assert error.value.field == "valid_until"
        assert not OpeningHours.objects.exists()
        services.opening_exception_add(day=today(), is_closed=True)
        with pytest.raises(ApplicationError):
            services.opening_exception_add(day=today(), is_closed=True)
        assert OpeningException.objects.count() == 1


def test_the_calendar_list_reads_a_fixed_number_of_queries(visitor, inside):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert visitor.get("/calendar/").status_code == 200
        return len(queries)

    with inside():
        make_session(make_activity(first_date=today() + timedelta(days=1)))
    few = count()
    with inside():
        for offset in range(2, 12):
            make_session(make_activity(first_date=today() + timedelta(days=offset)))
    assert count() == few


def test_the_section_of_a_sub_page_is_marked_in_the_public_menu(visitor, week):
    page = visitor.get(f"/calendar/activity/{week['shown'].pk}/").text

    assert '<a href="/calendar/" aria-current="true">' in page


def test_the_home_page_announces_coming_periods_and_closed_days(visitor, inside):
    with inside():
        start = today() + timedelta(days=20)
        services.opening_hours_add(
            weekday=1,
            opens=time(10),
            closes=time(13),
            valid_from=start,
            valid_until=start + timedelta(days=30),
            note="Summer hours",
        )
        services.opening_exception_add(
            day=today() + timedelta(days=40), is_closed=True, note="Staff day"
        )
        services.opening_exception_add(
            day=today() + timedelta(days=200), is_closed=True, note="Far away"
        )

    page = text_of(visitor.get("/"))

    assert "Coming changes" in page
    assert "Tuesday 10:00–13:00 (Summer hours)" in page
    assert "Closed (Staff day)" in page
    assert "Far away" not in page
