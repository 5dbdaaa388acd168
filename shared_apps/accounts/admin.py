from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from shared_apps.accounts.models import (
    CentreMembership,
    FederationMembership,
    Invitation,
    MunicipalityViewer,
    User,
)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_staff", "is_active"]
    search_fields = ["email", "full_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["full_name", "preferred_language"]}),
        (_("Access"), {"fields": ["is_active", "is_staff", "is_superuser"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]


@admin.register(CentreMembership)
class CentreMembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "centre", "role", "created_at"]
    list_filter = ["role", "centre__federation"]
    search_fields = ["user__email", "user__full_name", "centre__name"]
    autocomplete_fields = ["user"]
    list_select_related = ["user", "centre"]


@admin.register(FederationMembership)
class FederationMembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "federation", "role", "created_at"]
    list_filter = ["role", "federation"]
    search_fields = ["user__email", "user__full_name"]
    autocomplete_fields = ["user"]
    list_select_related = ["user", "federation"]


@admin.register(MunicipalityViewer)
class MunicipalityViewerAdmin(admin.ModelAdmin):
    list_display = ["user", "municipality", "created_at"]
    search_fields = ["user__email", "municipality__name", "municipality__number"]
    autocomplete_fields = ["user"]
    list_select_related = ["user", "municipality"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Read-only: invitations are sent from the portal and the centres' staff pages, where
    the rules of who may invite whom are checked."""

    list_display = ["email", "role", "centre", "federation", "municipality", "expires_at"]
    list_filter = ["role", "accepted_at"]
    search_fields = ["email"]
    list_select_related = ["centre", "federation", "municipality"]
    exclude = ["token_hash"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
