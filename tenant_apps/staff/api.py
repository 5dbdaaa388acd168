"""The signed-in person and the centre's members, over the REST API."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from shared_apps.accounts import facade
from shared_apps.accounts.access import Policy
from shared_apps.accounts.roles import CENTRE_MEMBERS, CENTRE_STAFF
from tenant_apps.staff import services


class MeApi(APIView):
    """GET: your own account and your role at this centre."""

    access_policy = Policy(roles=CENTRE_MEMBERS)

    class OutputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "Me"

        id = serializers.IntegerField(source="user_id")
        email = serializers.EmailField()
        full_name = serializers.CharField()
        preferred_language = serializers.CharField()
        role = serializers.CharField()
        role_label = serializers.CharField()
        member_since = serializers.DateTimeField()
        centre = serializers.SerializerMethodField()

        def get_centre(self, account) -> dict:
            centre = self.context["centre"]
            return {"name": centre.name, "slug": centre.slug}

    @extend_schema(responses=OutputSerializer)
    def get(self, request):
        account = facade.centre_account(centre_id=request.centre.pk, user_id=request.user.pk)
        if account is None:
            raise NotFound
        return Response(self.OutputSerializer(account, context={"centre": request.centre}).data)


class MemberListApi(APIView):
    """GET: everyone with a role at this centre (viewing it is audited)."""

    access_policy = Policy(roles=CENTRE_STAFF)

    class OutputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "Member"

        id = serializers.IntegerField(source="user_id")
        full_name = serializers.CharField()
        email = serializers.EmailField()
        role = serializers.CharField()
        since = serializers.DateTimeField()

    @extend_schema(responses=OutputSerializer(many=True))
    def get(self, request):
        members = services.member_list_view(actor=request.user, centre_id=request.centre.pk)
        return Response(self.OutputSerializer(members, many=True).data)
