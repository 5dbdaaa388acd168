"""The centre's activities over the REST API.

Every member reads the public, running activities and their sessions and signs themselves up
for shifts; coordinators and managers read everything, write activities, sign anyone up and
record attendance.
"""

from types import SimpleNamespace

import django_filters
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from shared_apps.accounts.access import SAFE_METHODS, Policy, RolePolicyPermission, roles_for
from shared_apps.accounts.roles import CENTRE_MEMBERS, CENTRE_STAFF, Role
from tenant_apps.activities import selectors, services
from tenant_apps.activities.models import (
    Activity,
    ActivityCategory,
    Attendance,
    Session,
    Shift,
    ShiftSignup,
)
from tenant_apps.activities.selectors import activity_categories
from tenant_apps.activities.services import ACTIVITY_FIELDS, activity_category_create
from tenant_apps.people.models import AgeBand, TargetGroup, Volunteer
from tenant_apps.people.selectors import volunteer_of_account
from toolkit.api_schema import LocalTimeField
from toolkit.bounds import COUNT_MAX, POSITION_MAX, TEXT_MAX


class WritePolicyPermission(RolePolicyPermission):
    """The view's `access_policy` for reading; its stricter `write_policy` for writing."""

    def has_permission(self, request, view) -> bool:
        if request.method in SAFE_METHODS:
            return super().has_permission(request, view)
        return super().has_permission(request, SimpleNamespace(access_policy=view.write_policy))


def _is_staff(request) -> bool:
    # The view's policy has been decided already (two-factor included); only the role counts.
    return Role.COORDINATOR in roles_for(request.user, request)


class ActivityCategoryListApi(APIView):
    """GET: the categories in use (members). POST: add a category (coordinators, managers)."""

    access_policy = Policy(roles=CENTRE_MEMBERS)
    write_policy = Policy(roles=CENTRE_STAFF)
    permission_classes = [WritePolicyPermission]

    class InputSerializer(serializers.Serializer):
        code = serializers.SlugField(max_length=50)
        name_nb = serializers.CharField(max_length=100)
        name_da = serializers.CharField(max_length=100)
        name_en = serializers.CharField(max_length=100)
        position = serializers.IntegerField(min_value=0, max_value=POSITION_MAX, required=False)

    class OutputSerializer(serializers.Serializer):
        id = serializers.IntegerField()
        code = serializers.CharField()
        name = serializers.CharField()
        name_nb = serializers.CharField()
        name_da = serializers.CharField()
        name_en = serializers.CharField()
        position = serializers.IntegerField()

    @extend_schema(responses=OutputSerializer(many=True))
    def get(self, request):
        return Response(self.OutputSerializer(activity_categories(), many=True).data)

    @extend_schema(request=InputSerializer, responses={201: OutputSerializer})
    def post(self, request):
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        category = activity_category_create(**serializer.validated_data)
        return Response(self.OutputSerializer(category).data, status=status.HTTP_201_CREATED)


# --- Activities ---------------------------------------------------------------------------


class ActivityOutputSerializer(serializers.ModelSerializer):
    category = serializers.SlugRelatedField(slug_field="code", read_only=True)
    category_name = serializers.CharField(source="category.name", read_only=True)
    # Declared, so the schema says "" (everyone) is a value: a read-only model field loses
    # allow_blank (the fuzz test found the mismatch).
    target_group = serializers.ChoiceField(
        choices=TargetGroup.choices, allow_blank=True, read_only=True
    )

    class Meta:
        model = Activity
        fields = ["id", *ACTIVITY_FIELDS, "category_name"]
        read_only_fields = fields


class ActivityInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    category = serializers.SlugRelatedField(
        slug_field="code", queryset=ActivityCategory.objects.filter(is_active=True)
    )
    description = serializers.CharField(
        max_length=TEXT_MAX, required=False, allow_blank=True, default=""
    )
    place = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    partner_associations = serializers.CharField(
        max_length=300, required=False, allow_blank=True, default=""
    )
    recurrence = serializers.ChoiceField(choices=Activity.Recurrence.choices)
    first_date = serializers.DateField()
    last_date = serializers.DateField(required=False, allow_null=True, default=None)
    start_time = LocalTimeField()
    end_time = LocalTimeField()
    requires_certificate = serializers.BooleanField(required=False, default=False)
    is_public = serializers.BooleanField(required=False, default=True)
    is_active = serializers.BooleanField(required=False, default=True)
    target_group = serializers.ChoiceField(
        choices=TargetGroup.choices, required=False, allow_blank=True, default=""
    )


class ActivityFilter(django_filters.FilterSet):
    category = django_filters.CharFilter(field_name="category__code")

    class Meta:
        model = Activity
        fields = ["category", "recurrence", "is_active", "is_public", "requires_certificate"]


class ActivityListApi(generics.ListAPIView):
    """GET: activities (members: the public, running ones). POST: add one (staff)."""

    access_policy = Policy(roles=CENTRE_MEMBERS)
    write_policy = Policy(roles=CENTRE_STAFF)
    permission_classes = [WritePolicyPermission]
    serializer_class = ActivityOutputSerializer
    filterset_class = ActivityFilter
    ordering_fields = ["name", "first_date", "created_at"]
    ordering = ["name", "id"]

    def get_queryset(self):
        return selectors.activities_visible(include_hidden=_is_staff(self.request)).order_by(
            "name", "id"
        )

    @extend_schema(request=ActivityInputSerializer, responses={201: ActivityOutputSerializer})
    def post(self, request):
        serializer = ActivityInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        activity = services.activity_create(**serializer.validated_data)
        return Response(ActivityOutputSerializer(activity).data, status=status.HTTP_201_CREATED)


class ActivityDetailApi(APIView):
    """GET: one activity. PUT/PATCH: change it (staff)."""

    access_policy = Policy(roles=CENTRE_MEMBERS)
    write_policy = Policy(roles=CENTRE_STAFF)
    permission_classes = [WritePolicyPermission]

    def _activity(self, request, activity_id: int) -> Activity:
        activities = selectors.activities_visible(include_hidden=_is_staff(request))
        return get_object_or_404(activities, pk=activity_id)

    @extend_schema(responses=ActivityOutputSerializer)
    def get(self, request, activity_id: int):
        return Response(ActivityOutputSerializer(self._activity(request, activity_id)).data)

    @extend_schema(request=ActivityInputSerializer, responses=ActivityOutputSerializer)
    def put(self, request, activity_id: int):
        return self._update(request, activity_id, partial=False)

    @extend_schema(request=ActivityInputSerializer, responses=ActivityOutputSerializer)
    def patch(self, request, activity_id: int):
        return self._update(request, activity_id, partial=True)

    def _update(self, request, activity_id: int, *, partial: bool):
        activity = self._activity(request, activity_id)
        serializer = ActivityInputSerializer(data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        activity = services.activity_update(activity=activity, data=dict(serializer.validated_data))
        return Response(ActivityOutputSerializer(activity).data)


# --- Sessions -----------------------------------------------------------------------------


class ShiftOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    capacity = serializers.IntegerField()
    confirmed_count = serializers.IntegerField()
    waiting_count = serializers.IntegerField()


class SessionOutputSerializer(serializers.ModelSerializer):
    activity_name = serializers.CharField(source="activity.name", read_only=True)
    shifts = ShiftOutputSerializer(many=True, read_only=True)

    class Meta:
        model = Session
        fields = [
            "id",
            "activity",
            "activity_name",
            "date",
            "start_time",
            "end_time",
            "is_cancelled",
            "note",
            "shifts",
        ]
        read_only_fields = fields


class SessionFilter(django_filters.FilterSet):
    date_from = django_filters.DateFilter(field_name="date", lookup_expr="gte")
    date_to = django_filters.DateFilter(field_name="date", lookup_expr="lte")

    class Meta:
        model = Session
        fields = ["activity", "is_cancelled", "date_from", "date_to"]


class SessionListApi(generics.ListAPIView):
    """GET: sessions with their shifts and how full they are; filter by dates and activity."""

    access_policy = Policy(roles=CENTRE_MEMBERS)
    serializer_class = SessionOutputSerializer
    filterset_class = SessionFilter
    ordering_fields = ["date", "start_time"]
    ordering = ["date", "start_time", "id"]

    def get_queryset(self):
        return selectors.sessions_with_fill(include_hidden=_is_staff(self.request)).order_by(
            "date", "start_time", "id"
        )


# --- Sign-ups -----------------------------------------------------------------------------


class SignupInputSerializer(serializers.Serializer):
    volunteer = serializers.IntegerField(
        required=False,
        help_text="Coordinators: the volunteer to sign up or withdraw. Default: yourself.",
    )


class SignupOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = ShiftSignup
        fields = ["id", "shift", "volunteer", "status", "created_at"]
        read_only_fields = fields


def _shift_for(request, shift_id: int, own: Volunteer | None) -> Shift:
    shift = get_object_or_404(Shift.objects.select_related("session__activity"), pk=shift_id)
    activity = shift.session.activity
    if _is_staff(request) or (activity.is_public and activity.is_active):
        return shift
    if own is not None and selectors.is_signed_up_for_session(volunteer=own, session=shift.session):
        return shift
    raise Http404


def _volunteer_for(request, volunteer_id: int | None, own: Volunteer | None) -> Volunteer:
    if volunteer_id is None or (own is not None and own.pk == volunteer_id):
        if own is None:
            raise ValidationError(
                {
                    "volunteer": [
                        _("Your account is not linked to a volunteer here. Ask a coordinator.")
                    ]
                }
            )
        return own
    if not _is_staff(request):
        raise ValidationError({"volunteer": [_("You can only sign yourself up or withdraw.")]})
    volunteer = Volunteer.objects.filter(pk=volunteer_id).first()
    if volunteer is None:
        raise ValidationError({"volunteer": [_("There is no such volunteer here.")]})
    return volunteer


def _shift_and_volunteer(request, shift_id: int) -> tuple[Shift, Volunteer]:
    """The shift (404 unless this person may see it) and whom the request is about."""
    own = volunteer_of_account(user_id=request.user.pk)
    shift = _shift_for(request, shift_id, own)
    serializer = SignupInputSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    return shift, _volunteer_for(request, serializer.validated_data.get("volunteer"), own)


class ShiftSignUpApi(APIView):
    """POST: sign up for a shift (confirmed, or waiting when it is full). Coordinators may
    name another volunteer."""

    access_policy = Policy(roles=CENTRE_MEMBERS)

    @extend_schema(request=SignupInputSerializer, responses={201: SignupOutputSerializer})
    def post(self, request, shift_id: int):
        shift, volunteer = _shift_and_volunteer(request, shift_id)
        signup = services.shift_sign_up(shift=shift, volunteer=volunteer, actor=request.user)
        return Response(SignupOutputSerializer(signup).data, status=status.HTTP_201_CREATED)


class ShiftWithdrawApi(APIView):
    """POST: withdraw from a shift; the first on the waiting list moves up."""

    access_policy = Policy(roles=CENTRE_MEMBERS)

    @extend_schema(request=SignupInputSerializer, responses={204: None})
    def post(self, request, shift_id: int):
        shift, volunteer = _shift_and_volunteer(request, shift_id)
        services.shift_withdraw(shift=shift, volunteer=volunteer, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- Attendance ---------------------------------------------------------------------------


class AttendanceRowSerializer(serializers.Serializer):
    age_band = serializers.ChoiceField(choices=AgeBand.choices)
    target_group = serializers.ChoiceField(
        choices=TargetGroup.choices, required=False, allow_blank=True, default=""
    )
    count = serializers.IntegerField(min_value=0, max_value=COUNT_MAX)


class AttendanceOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = Attendance
        fields = ["id", "session", "age_band", "target_group", "count"]
        read_only_fields = fields


class AttendanceInputSerializer(serializers.Serializer):
    session = serializers.PrimaryKeyRelatedField(queryset=Session.objects.all())
    rows = AttendanceRowSerializer(many=True, allow_empty=True)


class AttendanceFilter(django_filters.FilterSet):
    date_from = django_filters.DateFilter(field_name="session__date", lookup_expr="gte")
    date_to = django_filters.DateFilter(field_name="session__date", lookup_expr="lte")
    activity = django_filters.NumberFilter(field_name="session__activity")

    class Meta:
        model = Attendance
        fields = ["session", "activity", "age_band", "target_group", "date_from", "date_to"]


class AttendanceApi(generics.ListAPIView):
    """GET: attendance counts (filter by session, activity, dates). POST: replace one
    session's counts with the given rows."""

    access_policy = Policy(roles=CENTRE_STAFF)
    serializer_class = AttendanceOutputSerializer
    filterset_class = AttendanceFilter
    ordering_fields = ["session", "age_band"]
    ordering = ["session", "age_band", "target_group"]

    def get_queryset(self):
        return Attendance.objects.order_by("session", "age_band", "target_group")

    @extend_schema(
        request=AttendanceInputSerializer, responses=AttendanceOutputSerializer(many=True)
    )
    def post(self, request):
        serializer = AttendanceInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        session = serializer.validated_data["session"]
        rows = [
            (row["age_band"], row.get("target_group", ""), row["count"])
            for row in serializer.validated_data["rows"]
        ]
        saved = services.attendance_record(session=session, rows=rows)
        return Response(AttendanceOutputSerializer(saved, many=True).data)
