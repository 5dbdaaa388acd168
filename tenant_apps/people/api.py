"""Volunteers and participants over the REST API.

Coordinators and managers list, create, read and change them; a volunteer reads and changes
their own record at /me/volunteer/. Lists filter (django-filter), order and paginate; reading
one person is audited like the detail pages.
"""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import generics, serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from shared_apps.accounts.access import Policy
from shared_apps.accounts.roles import CENTRE_MEMBERS, CENTRE_STAFF
from tenant_apps.people import models, selectors, services
from tenant_apps.people.phones import PhoneNumberSerializerField
from toolkit.api_schema import BlankableEmailField

# --- Filters ------------------------------------------------------------------------------


class VolunteerFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=models.Volunteer.Status.choices)
    skill = django_filters.ModelChoiceFilter(
        field_name="skills", queryset=models.Skill.objects.all(), label=_("Skill or interest (id)")
    )
    area = django_filters.ModelChoiceFilter(
        field_name="areas", queryset=models.Area.objects.all(), label=_("Area (id)")
    )
    language = django_filters.ChoiceFilter(
        choices=models.Language.choices, method="filter_language", label=_("Language")
    )
    search = django_filters.CharFilter(method="filter_search", label=_("Search"))
    certificate_valid = django_filters.BooleanFilter(label=_("Has a valid police certificate"))

    class Meta:
        model = models.Volunteer
        fields = ["status", "skill", "area", "language", "search", "certificate_valid"]

    def filter_language(self, queryset, name, value):
        return queryset.filter(languages__contains=[value]) if value else queryset

    def filter_search(self, queryset, name, value):
        return queryset.filter(selectors.volunteer_search(value)) if value.strip() else queryset


class ParticipantFilter(django_filters.FilterSet):
    age_band = django_filters.ChoiceFilter(choices=models.AgeBand.choices)
    area = django_filters.ModelChoiceFilter(
        queryset=models.Area.objects.all(), label=_("Area (id)")
    )
    search = django_filters.CharFilter(method="filter_search", label=_("Search"))

    class Meta:
        model = models.Participant
        fields = ["age_band", "area", "search"]

    def filter_search(self, queryset, name, value):
        return queryset.filter(selectors.participant_search(value)) if value.strip() else queryset


# --- Serializers ----------------------------------------------------------------------------


class AvailabilitySerializer(serializers.Serializer):
    weekday = serializers.ChoiceField(choices=models.Weekday.choices)
    part_of_day = serializers.ChoiceField(choices=models.PartOfDay.choices)


class NamedSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class VolunteerOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    first_name = serializers.CharField()
    last_name = serializers.CharField()
    email = BlankableEmailField()
    phone = serializers.CharField()
    date_of_birth = serializers.DateField(allow_null=True)
    age_band = serializers.CharField()
    languages = serializers.ListField(child=serializers.CharField())
    skills = NamedSerializer(many=True, source="skills.all")
    areas = NamedSerializer(many=True, source="areas.all")
    start_date = serializers.DateField()
    status = serializers.CharField()
    account_user_id = serializers.IntegerField(allow_null=True)
    certificate_valid = serializers.BooleanField()
    certificate_renew_by = serializers.DateField(allow_null=True)
    missing_consents = serializers.SerializerMethodField()

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_missing_consents(self, volunteer) -> list[str]:
        return [item.purpose for item in selectors.missing_consents(volunteer)]


class CertificateRecordSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=models.PoliceCertificateRecord.Kind.choices)
    seen_on = serializers.DateField()
    seen_by_label = serializers.CharField()
    renew_by = serializers.DateField()


class DeclarationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    signed_on = serializers.DateField()
    version = serializers.CharField()


class ConsentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    purpose = serializers.ChoiceField(choices=models.Consent.Purpose.choices)
    given_on = serializers.DateField()
    withdrawn_on = serializers.DateField(allow_null=True)


class VolunteerDetailOutputSerializer(VolunteerOutputSerializer):
    availability = AvailabilitySerializer(many=True, source="availability.all")
    certificate_records = CertificateRecordSerializer(many=True, source="certificate_records.all")
    confidentiality_declarations = DeclarationSerializer(
        many=True, source="confidentiality_declarations.all"
    )
    consents = ConsentSerializer(many=True, source="consents.all")


# The statuses staff may give a volunteer (named VolunteerStatusStaffEnum in the schema).
STAFF_STATUS_CHOICES = [
    choice
    for choice in models.Volunteer.Status.choices
    if choice[0] != models.Volunteer.Status.APPLIED
]


class VolunteerInputSerializer(serializers.Serializer):
    first_name = serializers.CharField(max_length=100)
    last_name = serializers.CharField(max_length=100)
    email = serializers.EmailField(max_length=254, required=False, allow_blank=True)
    phone = PhoneNumberSerializerField(required=False, allow_blank=True)
    date_of_birth = serializers.DateField(required=False, allow_null=True)
    age_band = serializers.ChoiceField(choices=models.AgeBand.choices, required=False)
    languages = serializers.ListField(
        child=serializers.ChoiceField(choices=models.Language.choices), required=False
    )
    skills = serializers.PrimaryKeyRelatedField(
        queryset=models.Skill.objects.all(), many=True, required=False
    )
    areas = serializers.PrimaryKeyRelatedField(
        queryset=models.Area.objects.all(), many=True, required=False
    )
    availability = AvailabilitySerializer(many=True, required=False)
    start_date = serializers.DateField(required=False)
    # An offer to volunteer ("applied") comes only from the public form.
    status = serializers.ChoiceField(choices=STAFF_STATUS_CHOICES, required=False)
    account_user_id = serializers.IntegerField(required=False, allow_null=True)

    def to_service(self) -> dict:
        data = dict(self.validated_data)
        if "availability" in data:
            data["availability"] = [
                (slot["weekday"], slot["part_of_day"]) for slot in data["availability"]
            ]
        return data


class VolunteerCreateInputSerializer(VolunteerInputSerializer):
    consents = serializers.ListField(
        child=serializers.ChoiceField(choices=models.Consent.Purpose.choices),
        required=False,
        help_text="Consents the person gives at registration.",
    )


class OwnVolunteerInputSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=254, required=False, allow_blank=True)
    phone = PhoneNumberSerializerField(required=False, allow_blank=True)
    languages = serializers.ListField(
        child=serializers.ChoiceField(choices=models.Language.choices), required=False
    )
    skills = serializers.PrimaryKeyRelatedField(
        queryset=models.Skill.objects.filter(is_active=True), many=True, required=False
    )
    areas = serializers.PrimaryKeyRelatedField(
        queryset=models.Area.objects.filter(is_active=True), many=True, required=False
    )
    availability = AvailabilitySerializer(many=True, required=False)

    to_service = VolunteerInputSerializer.to_service


class ParticipantOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    first_name = serializers.CharField()
    last_name = serializers.CharField()
    phone = serializers.CharField()
    address = serializers.CharField()
    age_band = serializers.CharField()
    area = serializers.IntegerField(source="area_id", allow_null=True)
    target_groups = serializers.ListField(child=serializers.CharField())
    missing_consents = serializers.SerializerMethodField()

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_missing_consents(self, participant) -> list[str]:
        return [item.purpose for item in selectors.missing_consents(participant)]


class ParticipantDetailOutputSerializer(ParticipantOutputSerializer):
    consents = ConsentSerializer(many=True, source="consents.all")


class ParticipantInputSerializer(serializers.Serializer):
    first_name = serializers.CharField(max_length=100)
    last_name = serializers.CharField(max_length=100, required=False, allow_blank=True)
    phone = PhoneNumberSerializerField(required=False, allow_blank=True)
    address = serializers.CharField(max_length=200, required=False, allow_blank=True)
    age_band = serializers.ChoiceField(choices=models.AgeBand.choices, required=False)
    area = serializers.PrimaryKeyRelatedField(
        queryset=models.Area.objects.all(), required=False, allow_null=True
    )
    target_groups = serializers.ListField(
        child=serializers.ChoiceField(choices=models.TargetGroup.choices), required=False
    )


class ParticipantCreateInputSerializer(ParticipantInputSerializer):
    consents = serializers.ListField(
        child=serializers.ChoiceField(choices=models.Consent.Purpose.choices),
        required=False,
        help_text="Consents the person gives at registration (TARGET_GROUPS is needed for "
        "target_groups).",
    )


# --- Views ----------------------------------------------------------------------------------


class VolunteerListApi(generics.ListAPIView):
    """GET: volunteers, filtered, ordered and paginated. POST: register a volunteer."""

    access_policy = Policy(roles=CENTRE_STAFF)
    serializer_class = VolunteerOutputSerializer
    filterset_class = VolunteerFilter
    ordering_fields = ["last_name", "first_name", "start_date", "status", "created_at"]
    ordering = ["last_name", "first_name", "id"]

    def get_queryset(self) -> QuerySet[models.Volunteer]:
        return selectors.volunteer_list()

    @extend_schema(
        request=VolunteerCreateInputSerializer, responses={201: VolunteerDetailOutputSerializer}
    )
    def post(self, request):
        serializer = VolunteerCreateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        volunteer = services.volunteer_create(
            actor=request.user, centre_id=request.centre.pk, **serializer.to_service()
        )
        detail = selectors.volunteer_detail(volunteer_id=volunteer.pk)
        return Response(
            VolunteerDetailOutputSerializer(detail).data, status=status.HTTP_201_CREATED
        )


class VolunteerDetailApi(generics.GenericAPIView):
    """GET: one volunteer with their records (audited). PUT/PATCH: change them."""

    access_policy = Policy(roles=CENTRE_STAFF)
    serializer_class = VolunteerDetailOutputSerializer
    queryset = models.Volunteer.objects.none()

    def get(self, request, volunteer_id: int):
        volunteer = services.volunteer_detail_view(actor=request.user, volunteer_id=volunteer_id)
        if volunteer is None:
            raise NotFound
        return Response(VolunteerDetailOutputSerializer(volunteer).data)

    @extend_schema(request=VolunteerInputSerializer, responses=VolunteerDetailOutputSerializer)
    def put(self, request, volunteer_id: int):
        return self._update(request, volunteer_id, partial=False)

    @extend_schema(request=VolunteerInputSerializer, responses=VolunteerDetailOutputSerializer)
    def patch(self, request, volunteer_id: int):
        return self._update(request, volunteer_id, partial=True)

    def _update(self, request, volunteer_id: int, *, partial: bool):
        volunteer = models.Volunteer.objects.filter(pk=volunteer_id).first()
        if volunteer is None:
            raise NotFound
        serializer = VolunteerInputSerializer(data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        services.volunteer_update(
            actor=request.user,
            volunteer=volunteer,
            centre_id=request.centre.pk,
            **serializer.to_service(),
        )
        detail = selectors.volunteer_detail(volunteer_id=volunteer.pk)
        return Response(VolunteerDetailOutputSerializer(detail).data)


class OwnVolunteerApi(generics.GenericAPIView):
    """GET: your own volunteer record. PATCH: change your contact details, languages,
    skills, areas and availability."""

    access_policy = Policy(roles=CENTRE_MEMBERS)
    serializer_class = VolunteerDetailOutputSerializer
    queryset = models.Volunteer.objects.none()

    def _own(self, request) -> models.Volunteer:
        volunteer = selectors.volunteer_for_account(user_id=request.user.pk)
        if volunteer is None:
            raise NotFound(_("Your account is not linked to a volunteer at this centre."))
        return volunteer

    def get(self, request):
        return Response(VolunteerDetailOutputSerializer(self._own(request)).data)

    @extend_schema(request=OwnVolunteerInputSerializer, responses=VolunteerDetailOutputSerializer)
    def patch(self, request):
        volunteer = self._own(request)
        serializer = OwnVolunteerInputSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        services.volunteer_update(
            actor=request.user, volunteer=volunteer, **serializer.to_service()
        )
        return Response(VolunteerDetailOutputSerializer(self._own(request)).data)


class ParticipantListApi(generics.ListAPIView):
    """GET: participants, filtered, ordered and paginated. POST: register a participant."""

    access_policy = Policy(roles=CENTRE_STAFF)
    serializer_class = ParticipantOutputSerializer
    filterset_class = ParticipantFilter
    ordering_fields = ["last_name", "first_name", "age_band", "created_at"]
    ordering = ["last_name", "first_name", "id"]

    def get_queryset(self) -> QuerySet[models.Participant]:
        return selectors.participant_list()

    @extend_schema(
        request=ParticipantCreateInputSerializer,
        responses={201: ParticipantDetailOutputSerializer},
    )
    def post(self, request):
        serializer = ParticipantCreateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        participant = services.participant_create(actor=request.user, **serializer.validated_data)
        detail = selectors.participant_detail(participant_id=participant.pk)
        return Response(
            ParticipantDetailOutputSerializer(detail).data, status=status.HTTP_201_CREATED
        )


class ParticipantDetailApi(generics.GenericAPIView):
    """GET: one participant with their consents (audited). PUT/PATCH: change them."""

    access_policy = Policy(roles=CENTRE_STAFF)
    serializer_class = ParticipantDetailOutputSerializer
    queryset = models.Participant.objects.none()

    def get(self, request, participant_id: int):
        participant = services.participant_detail_view(
            actor=request.user, participant_id=participant_id
        )
        if participant is None:
            raise NotFound
        return Response(ParticipantDetailOutputSerializer(participant).data)

    @extend_schema(request=ParticipantInputSerializer, responses=ParticipantDetailOutputSerializer)
    def put(self, request, participant_id: int):
        return self._update(request, participant_id, partial=False)

    @extend_schema(request=ParticipantInputSerializer, responses=ParticipantDetailOutputSerializer)
    def patch(self, request, participant_id: int):
        return self._update(request, participant_id, partial=True)

    def _update(self, request, participant_id: int, *, partial: bool):
        participant = models.Participant.objects.filter(pk=participant_id).first()
        if participant is None:
            raise NotFound
        serializer = ParticipantInputSerializer(data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        services.participant_update(
            actor=request.user, participant=participant, **serializer.validated_data
        )
        detail = selectors.participant_detail(participant_id=participant.pk)
        return Response(ParticipantDetailOutputSerializer(detail).data)
