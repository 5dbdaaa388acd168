"""The demo activities: believable, a year back and eight weeks ahead, within the rules."""

from datetime import date, timedelta

from django.db.models import Count, F, Max, Min, Q

from tenant_apps.activities.demo import load_demo_activities
from tenant_apps.activities.models import Activity, Attendance, Session, Shift, ShiftSignup
from tenant_apps.activities.tests.factories import today
from tenant_apps.people.models import PoliceCertificateRecord
from tests.factories import make_volunteer


def test_demo_activities_fill_a_year_and_keep_the_rules(in_centre):
    with in_centre():
        volunteers = [make_volunteer() for _ in range(30)]
        for volunteer in volunteers[:8]:
            PoliceCertificateRecord.objects.create(
                volunteer=volunteer,
                kind="politiattest",
                seen_on=date(2025, 1, 1),
                seen_by_label="Demo",
                renew_by=date(2099, 1, 1),
            )

        load_demo_activities(seed=7, activities=14)

        names = set(Activity.objects.values_list("name", flat=True))
        assert len(names) == 14
        assert {"Språkkafé", "Seniorlunsj", "Turgruppa", "Leksehjelp"} <= names
        span = Session.objects.aggregate(first=Min("date"), last=Max("date"))
        assert span["first"] <= today() - timedelta(days=300)
        assert today() + timedelta(weeks=7) <= span["last"] <= today() + timedelta(weeks=8)
        assert Session.objects.filter(is_cancelled=True).exists()
        assert Shift.objects.exists()
        over = Shift.objects.annotate(
            confirmed=Count("signups", filter=Q(signups__status="confirmed"))
        ).filter(confirmed__gt=F("capacity"))
        assert not over.exists()
        certified = {v.pk for v in volunteers[:8]}
        required = ShiftSignup.objects.filter(shift__session__activity__requires_certificate=True)
        assert required.exists()
        assert set(required.values_list("volunteer_id", flat=True)) <= certified
        assert not ShiftSignup.objects.filter(status="waiting", shift__session__date__lt=today())
        assert ShiftSignup.objects.filter(shift__session__date__gte=today()).exists()
        past = Session.objects.filter(date__lt=today(), is_cancelled=False)
        assert Attendance.objects.filter(session__in=past).count() >= past.count()
        assert not Attendance.objects.filter(session__date__gte=today()).exists()

        before = Session.objects.count()
        load_demo_activities(seed=7, activities=14)
        assert Session.objects.count() == before


def test_the_demo_volunteer_gets_a_few_coming_shifts(in_centre):
    from tenant_apps.activities.demo import sign_up_demo_volunteer

    with in_centre():
        for _ in range(10):
            make_volunteer()
        load_demo_activities(seed=3, activities=8)
        demo = make_volunteer(first_name="Kari")

        sign_up_demo_volunteer(volunteer_id=demo.pk, seed=3, shifts=3)
        sign_up_demo_volunteer(volunteer_id=demo.pk, seed=3, shifts=3)

        mine = ShiftSignup.objects.filter(volunteer=demo)
        assert mine.count() == 3
        assert all(s.shift.session.date >= today() for s in mine)
        assert set(mine.values_list("status", flat=True)) == {"confirmed"}
