"""Help requests, their matching and the centre's request types over the REST API
(coordinators and managers only; volunteers see their requests on /help/mine/)."""

from __future__ import annotations

import django_filters
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.generics import GenericAPIView, ListAPIView
from rest_framework.response import Response

from shared_apps.accounts.access import Policy
from shared_apps.accounts.roles import CENTRE_STAFF
from tenant_apps.helprequests import selectors, services
from tenant_apps.helprequests.models import HelpRequest, RequestType
from tenant_apps.people.models import AgeBand, Area, Language, Participant, Volunteer
from tenant_apps.people.phones import PhoneNumberSerializerField
from toolkit.bounds import POSITION_MAX
from toolkit.errors import ApplicationError

# The service names a new person's fields as the intake page does; the API nests them under
# "new_participant", as its input does (service field → nested field).
NEW_PARTICIPANT_ERRORS = {
    "first_name": "first_name",
    "last_name": "last_name",
    "phone": "phone",
    "age_band": "age_band",
    "participant_area": "area",
}


# --- Output -------------------------------------------------------------------------------


class NamedRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class RequestTypeRefSerializer(NamedRefSerializer):
    code = serializers.CharField()


class PersonRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    first_name = serializers.CharField()
    last_name = serializers.CharField()


class AssignmentOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    volunteer = PersonRefSerializer(allow_null=True)
    started_on = serializers.DateField()
    ended_on = serializers.DateField(allow_null=True)
    # In the reader's language: the assigner's own words, else the suggestion's reasons.
    match_reason = serializers.CharField(source="match_reason_text")
    # The same reasons as codes with parameters (see helprequests/matching.py).
    match_reasons = serializers.JSONField()


class HelpRequestOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    participant = PersonRefSerializer()
    request_type = RequestTypeRefSerializer()
    description = serializers.CharField()
    area = NamedRefSerializer(allow_null=True)
    languages = serializers.ListField(child=serializers.CharField())
    requires_certificate = serializers.BooleanField()
    source = serializers.CharField()
    status = serializers.CharField()
    opened_at = serializers.DateTimeField()
    matched_at = serializers.DateTimeField(allow_null=True)
    activated_at = serializers.DateTimeField(allow_null=True)
    paused_at = serializers.DateTimeField(allow_null=True)
    closed_at = serializers.DateTimeField(allow_null=True)
    current_assignment = serializers.SerializerMethodField()

    @extend_schema_field(AssignmentOutputSerializer(allow_null=True))
    def get_current_assignment(self, help_request) -> dict | None:
        current = getattr(help_request, "current_assignments", None)
        if current is None:
            current = [a for a in help_request.assignments.all() if a.ended_on is None]
        return AssignmentOutputSerializer(current[0]).data if current else None


class SuggestionOutputSerializer(serializers.Serializer):
    volunteer = PersonRefSerializer()
    score = serializers.IntegerField()
    reasons = serializers.ListField(child=serializers.CharField())
    reason_codes = serializers.SerializerMethodField()
    current_load = serializers.IntegerField()
    has_valid_certificate = serializers.BooleanField()

    def get_reason_codes(self, suggestion) -> list[dict]:
        return [reason.as_dict() for reason in suggestion.reason_codes]


class RequestTypeOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()
    position = serializers.IntegerField()
    is_active = serializers.BooleanField()


# --- Help requests -------------------------------------------------------------------------


class HelpRequestFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=HelpRequest.Status.choices)
    request_type = django_filters.NumberFilter(field_name="request_type_id")
    request_type_code = django_filters.CharFilter(field_name="request_type__code")
    area = django_filters.NumberFilter(field_name="area_id")
    opened_after = django_filters.DateFilter(field_name="opened_at", lookup_expr="date__gte")
    opened_before = django_filters.DateFilter(field_name="opened_at", lookup_expr="date__lte")

    class Meta:
        model = HelpRequest
        fields = ["status", "request_type", "request_type_code", "area"]


def _help_request_or_404(help_request_id: int) -> HelpRequest:
    try:
        return selectors.help_request_detail(help_request_id)
    except HelpRequest.DoesNotExist:
        raise Http404 from None


class NewParticipantInputSerializer(serializers.Serializer):
    first_name = serializers.CharField(max_length=100)
    last_name = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    phone = PhoneNumberSerializerField(required=False, allow_blank=True, default="")
    area = serializers.PrimaryKeyRelatedField(
        queryset=Area.objects.all(), required=False, allow_null=True, default=None
    )
    age_band = serializers.ChoiceField(choices=AgeBand.choices, default=AgeBand.UNKNOWN)


class HelpRequestListApi(ListAPIView):
    """GET: help requests, newest first (filter by status, type, area, dates).
    POST: take a request, for a registered participant or a new one."""

    access_policy = Policy(roles=CENTRE_STAFF)
    serializer_class = HelpRequestOutputSerializer
    filterset_class = HelpRequestFilter
    ordering_fields = ["opened_at", "status", "id"]
    ordering = ["-opened_at", "-id"]

    class HelpRequestCreateInputSerializer(serializers.Serializer):
        participant = serializers.PrimaryKeyRelatedField(
            queryset=Participant.objects.all(), required=False, allow_null=True, default=None
        )
        new_participant = NewParticipantInputSerializer(
            required=False, allow_null=True, default=None
        )
        request_type = serializers.PrimaryKeyRelatedField(queryset=RequestType.objects.all())
        description = serializers.CharField(
            max_length=5000, required=False, allow_blank=True, default=""
        )
        area = serializers.PrimaryKeyRelatedField(
            queryset=Area.objects.all(), required=False, allow_null=True, default=None
        )
        languages = serializers.ListField(
            child=serializers.ChoiceField(choices=Language.choices), required=False, default=list
        )
        requires_certificate = serializers.BooleanField(required=False, default=False)

    def get_queryset(self):
        return selectors.help_request_list()

    def list(self, request, *args, **kwargs):
        services.help_request_list_record_viewed(actor=request.user)
        return super().list(request, *args, **kwargs)

    @extend_schema(
        request=HelpRequestCreateInputSerializer, responses={201: HelpRequestOutputSerializer}
    )
    def post(self, request):
        serializer = self.HelpRequestCreateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        nested = data.pop("new_participant")
        new_participant = services.NewParticipant(**nested) if nested is not None else None
        try:
            help_request = services.help_request_create(
                actor=request.user, new_participant=new_participant, **data
            )
        except ApplicationError as error:
            if error.field not in NEW_PARTICIPANT_ERRORS:
                raise  # answered by the API's exception handler
            nested = {NEW_PARTICIPANT_ERRORS[error.field]: [error.message]}
            raise ValidationError({"new_participant": nested}) from error
        output = HelpRequestOutputSerializer(selectors.help_request_detail(help_request.pk))
        return Response(output.data, status=status.HTTP_201_CREATED)


class HelpRequestDetailApi(GenericAPIView):
    """GET: one request (viewing it is audited). PATCH/PUT: change what it is about."""

    access_policy = Policy(roles=CENTRE_STAFF)
    serializer_class = HelpRequestOutputSerializer

    class HelpRequestUpdateInputSerializer(serializers.Serializer):
        request_type = serializers.PrimaryKeyRelatedField(queryset=RequestType.objects.all())
        description = serializers.CharField(max_length=5000, allow_blank=True)
        area = serializers.PrimaryKeyRelatedField(queryset=Area.objects.all(), allow_null=True)
        languages = serializers.ListField(child=serializers.ChoiceField(choices=Language.choices))
        requires_certificate = serializers.BooleanField()

    def get(self, request, help_request_id: int):
        help_request = _help_request_or_404(help_request_id)
        services.help_request_record_viewed(actor=request.user, help_request=help_request)
        return Response(HelpRequestOutputSerializer(help_request).data)

    def _update(self, request, help_request_id: int, *, partial: bool):
        help_request = _help_request_or_404(help_request_id)
        serializer = self.HelpRequestUpdateInputSerializer(data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        values = {
            "request_type": help_request.request_type,
            "description": help_request.description,
            "area": help_request.area,
            "languages": help_request.languages,
            "requires_certificate": help_request.requires_certificate,
            **serializer.validated_data,
        }
        services.help_request_update(actor=request.user, help_request=help_request, **values)
        return Response(HelpRequestOutputSerializer(_help_request_or_404(help_request_id)).data)

    @extend_schema(request=HelpRequestUpdateInputSerializer)
    def put(self, request, help_request_id: int):
        return self._update(request, help_request_id, partial=False)

    @extend_schema(request=HelpRequestUpdateInputSerializer)
    def patch(self, request, help_request_id: int):
        return self._update(request, help_request_id, partial=True)


class HelpRequestStatusApi(GenericAPIView):
    """POST: move a request along its lifecycle (new → matched → active ↔ paused → closed)."""

    access_policy = Policy(roles=CENTRE_STAFF)
    serializer_class = HelpRequestOutputSerializer

    class HelpRequestStatusInputSerializer(serializers.Serializer):
        status = serializers.ChoiceField(choices=HelpRequest.Status.choices)

    @extend_schema(request=HelpRequestStatusInputSerializer)
    def post(self, request, help_request_id: int):
        help_request = _help_request_or_404(help_request_id)
        serializer = self.HelpRequestStatusInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.help_request_change_status(
            actor=request.user,
            help_request=help_request,
            status=serializer.validated_data["status"],
        )
        return Response(HelpRequestOutputSerializer(_help_request_or_404(help_request_id)).data)


class HelpRequestReopenApi(GenericAPIView):
    """POST: reopen a closed request; it is "new" again and waits for a volunteer."""

    access_policy = Policy(roles=CENTRE_STAFF)
    serializer_class = HelpRequestOutputSerializer

    @extend_schema(request=None)
    def post(self, request, help_request_id: int):
        help_request = _help_request_or_404(help_request_id)
        services.help_request_reopen(actor=request.user, help_request=help_request)
        return Response(HelpRequestOutputSerializer(_help_request_or_404(help_request_id)).data)


class HelpRequestSuggestionsApi(GenericAPIView):
    """GET: the best-fitting volunteers for a request, best first, with the reasons."""

    access_policy = Policy(roles=CENTRE_STAFF)
    serializer_class = SuggestionOutputSerializer
    pagination_class = None
    filter_backends: list = []

    @extend_schema(
        parameters=[OpenApiParameter("limit", int, description="How many (1–50, default 10).")],
        responses=SuggestionOutputSerializer(many=True),
    )
    def get(self, request, help_request_id: int):
        help_request = _help_request_or_404(help_request_id)
        try:
            limit = min(max(int(request.query_params.get("limit", 10)), 1), 50)
        except ValueError:
            raise ValidationError({"limit": [_("Give a whole number.")]}) from None
        suggestions = selectors.suggested_volunteers(help_request, limit=limit)
        return Response(SuggestionOutputSerializer(suggestions, many=True).data)


class HelpRequestAssignApi(GenericAPIView):
    """POST: assign a volunteer; the current assignment ends and the request is matched."""

    access_policy = Policy(roles=CENTRE_STAFF)
    serializer_class = AssignmentOutputSerializer

    class AssignmentCreateInputSerializer(serializers.Serializer):
        volunteer = serializers.PrimaryKeyRelatedField(queryset=Volunteer.objects.all())
        reason = serializers.CharField(max_length=300, required=False, allow_blank=True)

    @extend_schema(
        request=AssignmentCreateInputSerializer, responses={201: AssignmentOutputSerializer}
    )
    def post(self, request, help_request_id: int):
        help_request = _help_request_or_404(help_request_id)
        serializer = self.AssignmentCreateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        assignment = services.assign_volunteer(
            help_request=help_request,
            volunteer=serializer.validated_data["volunteer"],
            actor=request.user,
            reason=serializer.validated_data.get("reason", ""),
        )
        return Response(AssignmentOutputSerializer(assignment).data, status=status.HTTP_201_CREATED)


# --- Request types --------------------------------------------------------------------------


class RequestTypeListApi(ListAPIView):
    """GET: the centre's types of help (all, in order). POST: add one."""

    access_policy = Policy(roles=CENTRE_STAFF)
    serializer_class = RequestTypeOutputSerializer
    pagination_class = None
    filter_backends: list = []

    class RequestTypeCreateInputSerializer(serializers.Serializer):
        name = serializers.CharField(max_length=100)
        code = serializers.SlugField(max_length=50, required=False, allow_blank=True)
        position = serializers.IntegerField(min_value=0, max_value=POSITION_MAX, required=False)

    def get_queryset(self):
        return selectors.request_types(include_unused=True)

    @extend_schema(
        request=RequestTypeCreateInputSerializer, responses={201: RequestTypeOutputSerializer}
    )
    def post(self, request):
        serializer = self.RequestTypeCreateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        request_type = services.request_type_create(**serializer.validated_data)
        return Response(
            RequestTypeOutputSerializer(request_type).data, status=status.HTTP_201_CREATED
        )


class RequestTypeDetailApi(GenericAPIView):
    """GET: one type of help. PATCH: rename, reorder or retire it."""

    access_policy = Policy(roles=CENTRE_STAFF)
    serializer_class = RequestTypeOutputSerializer

    class RequestTypeUpdateInputSerializer(serializers.Serializer):
        name = serializers.CharField(max_length=100, required=False)
        position = serializers.IntegerField(min_value=0, max_value=POSITION_MAX, required=False)
        is_active = serializers.BooleanField(required=False)

    def _object(self, request_type_id: int) -> RequestType:
        request_type = RequestType.objects.filter(pk=request_type_id).first()
        if request_type is None:
            raise Http404
        return request_type

    def get(self, request, request_type_id: int):
        return Response(RequestTypeOutputSerializer(self._object(request_type_id)).data)

    @extend_schema(request=RequestTypeUpdateInputSerializer)
    def patch(self, request, request_type_id: int):
        request_type = self._object(request_type_id)
        serializer = self.RequestTypeUpdateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        values = {
            "name": request_type.name,
            "position": request_type.position,
            "is_active": request_type.is_active,
            **serializer.validated_data,
        }
        services.request_type_update(request_type=request_type, **values)
        return Response(RequestTypeOutputSerializer(request_type).data)
