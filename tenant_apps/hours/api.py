"""Volunteer hours over the REST API: volunteers read and log their own, coordinators and
managers everyone's, approve them and read the totals."""

from __future__ import annotations

import datetime

import django_filters
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.generics import GenericAPIView, ListAPIView
from rest_framework.response import Response

from shared_apps.accounts.access import Policy
from shared_apps.accounts.roles import CENTRE_MEMBERS, CENTRE_STAFF
from tenant_apps.activities.models import Activity, ActivityCategory, Session
from tenant_apps.helprequests.models import Assignment
from tenant_apps.hours import services
from tenant_apps.hours.actors import hours_actor
from tenant_apps.hours.models import HoursEntry
from tenant_apps.hours.selectors import hours_entries, hours_totals
from tenant_apps.people.models import Volunteer


class HoursEntryOutput(serializers.ModelSerializer):
    volunteer_name = serializers.CharField(
        source="volunteer.full_name",
        allow_null=True,
        read_only=True,
        help_text="Null when the volunteer has been deleted (the hours stay, anonymised).",
    )
    category_name = serializers.CharField(source="category.name", read_only=True)
    activity_name = serializers.CharField(source="activity.name", allow_null=True, read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = HoursEntry
        fields = [
            "id",
            "volunteer",
            "volunteer_name",
            "category",
            "category_name",
            "activity",
            "activity_name",
            "session",
            "assignment",
            "date",
            "hours",
            "description",
            "status",
            "status_label",
            "approved_at",
            "created_at",
        ]
        read_only_fields = fields


class HoursEntryInput(serializers.Serializer):
    volunteer = serializers.PrimaryKeyRelatedField(
        queryset=Volunteer.objects.all(),
        required=False,
        allow_null=True,
        help_text="Coordinators: whose hours. Volunteers leave it out (their own).",
    )
    category = serializers.PrimaryKeyRelatedField(
        queryset=ActivityCategory.objects.all(),
        required=False,
        allow_null=True,
        help_text="Defaults to the activity's category.",
    )
    activity = serializers.PrimaryKeyRelatedField(
        queryset=Activity.objects.all(), required=False, allow_null=True
    )
    session = serializers.PrimaryKeyRelatedField(
        queryset=Session.objects.all(), required=False, allow_null=True
    )
    assignment = serializers.PrimaryKeyRelatedField(
        queryset=Assignment.objects.all(), required=False, allow_null=True
    )
    date = serializers.DateField()
    hours = serializers.DecimalField(max_digits=5, decimal_places=2)
    description = serializers.CharField(max_length=300, required=False, allow_blank=True)
    approve = serializers.BooleanField(
        required=False, default=False, help_text="Coordinators only: approve at once."
    )


class HoursEntryFilter(django_filters.FilterSet):
    volunteer = django_filters.NumberFilter(field_name="volunteer_id")
    category = django_filters.NumberFilter(field_name="category_id")
    activity = django_filters.NumberFilter(field_name="activity_id")
    status = django_filters.ChoiceFilter(choices=HoursEntry.Status.choices)
    date_from = django_filters.DateFilter(field_name="date", lookup_expr="gte")
    date_to = django_filters.DateFilter(field_name="date", lookup_expr="lte")

    class Meta:
        model = HoursEntry
        fields = ["volunteer", "category", "activity", "status", "date_from", "date_to"]


class HoursEntryListApi(ListAPIView):
    """Hours entries: list them, or log new hours."""

    access_policy = Policy(roles=CENTRE_MEMBERS)
    queryset = HoursEntry.objects.all()
    serializer_class = HoursEntryOutput
    filterset_class = HoursEntryFilter
    ordering_fields = ["date", "hours", "status", "created_at", "id"]
    ordering = ["-date", "-id"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return HoursEntry.objects.none()
        if hours_actor(self.request).is_staff:
            return hours_entries()
        return hours_entries(account_user_id=self.request.user.pk)

    @extend_schema(
        summary="List hours entries",
        description=(
            "Volunteers get their own entries, coordinators and managers everyone's; "
            "filtered, ordered and a page at a time."
        ),
    )
    def get(self, request, *args, **kwargs):
        return self.list(request, *args, **kwargs)

    @extend_schema(
        summary="Log hours",
        description=(
            "Volunteers log their own hours (waiting for approval); coordinators and managers "
            "log for any volunteer and may approve at once."
        ),
        request=HoursEntryInput,
        responses={201: HoursEntryOutput},
    )
    def post(self, request):
        given = HoursEntryInput(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        # A broken rule answers 400 (or 403) through settings' EXCEPTION_HANDLER.
        entry = services.hours_log(
            volunteer=data.get("volunteer"),
            category=data.get("category"),
            date=data["date"],
            hours=data["hours"],
            activity=data.get("activity"),
            session=data.get("session"),
            assignment=data.get("assignment"),
            description=data.get("description", ""),
            actor=hours_actor(request),
            approve=data["approve"],
        )
        entry = hours_entries().get(pk=entry.pk)
        return Response(HoursEntryOutput(entry).data, status=status.HTTP_201_CREATED)


class HoursDecisionApi(GenericAPIView):
    """POST: approve (or reject) one entry (coordinators, managers)."""

    access_policy = Policy(roles=CENTRE_STAFF)
    queryset = HoursEntry.objects.all()
    serializer_class = HoursEntryOutput
    filter_backends: list = []
    pagination_class = None
    decide = staticmethod(services.hours_approve)  # or hours_reject, in the subclasses

    @extend_schema(request=None, responses={200: HoursEntryOutput})
    def post(self, request, pk: int):
        entry = get_object_or_404(HoursEntry, pk=pk)
        self.decide(entry_ids=[entry.pk], actor=hours_actor(request))
        return Response(HoursEntryOutput(hours_entries().get(pk=entry.pk)).data)


class HoursApproveApi(HoursDecisionApi):
    """POST: approve one entry (coordinators, managers). Approving twice changes nothing."""

    decide = staticmethod(services.hours_approve)


class HoursRejectApi(HoursDecisionApi):
    """POST: reject one entry that waits for approval (coordinators, managers)."""

    decide = staticmethod(services.hours_reject)


class TotalRowOutput(serializers.Serializer):
    id = serializers.IntegerField(source="key", allow_null=True)
    label = serializers.CharField()
    hours = serializers.DecimalField(max_digits=12, decimal_places=2)
    entries = serializers.IntegerField()


class MonthRowOutput(serializers.Serializer):
    month = serializers.CharField(source="label", help_text="YYYY-MM")
    hours = serializers.DecimalField(max_digits=12, decimal_places=2)
    entries = serializers.IntegerField()


class TotalsOutput(serializers.Serializer):
    year = serializers.IntegerField()
    include_submitted = serializers.BooleanField()
    total_hours = serializers.DecimalField(max_digits=12, decimal_places=2)
    total_entries = serializers.IntegerField()
    by_category = TotalRowOutput(many=True)
    by_activity = TotalRowOutput(many=True)
    by_volunteer = TotalRowOutput(many=True)
    by_month = MonthRowOutput(many=True)


class TotalsQuery(serializers.Serializer):
    year = serializers.IntegerField(
        min_value=2000, max_value=2100, required=False, help_text="Defaults to this year."
    )
    include_submitted = serializers.BooleanField(
        required=False, default=False, help_text="Count hours waiting for approval too."
    )


class HoursTotalsApi(GenericAPIView):
    """GET: a year's hours by category, activity, volunteer and month (coordinators,
    managers). Approved hours only, unless include_submitted is set."""

    access_policy = Policy(roles=CENTRE_STAFF)
    serializer_class = TotalsOutput
    filter_backends: list = []
    pagination_class = None

    @extend_schema(parameters=[TotalsQuery], responses={200: TotalsOutput})
    def get(self, request):
        query = TotalsQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        year = query.validated_data.get("year") or timezone.localdate().year
        include_submitted = query.validated_data["include_submitted"]
        totals = hours_totals(
            date_from=datetime.date(year, 1, 1),
            date_to=datetime.date(year, 12, 31),
            include_submitted=include_submitted,
        )
        return Response(
            TotalsOutput(
                {
                    "year": year,
                    "include_submitted": include_submitted,
                    "total_hours": totals.total_hours,
                    "total_entries": totals.total_entries,
                    "by_category": totals.by_category,
                    "by_activity": totals.by_activity,
                    "by_volunteer": totals.by_volunteer,
                    "by_month": totals.by_month,
                }
            ).data
        )
