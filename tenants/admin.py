from django.contrib import admin

from tenants.models import (
    Centre,
    CentreStatusChange,
    Domain,
    Federation,
    FederationActivityCategory,
    Municipality,
)


class FederationActivityCategoryInline(admin.TabularInline):
    model = FederationActivityCategory
    extra = 0


@admin.register(Federation)
class FederationAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "country", "default_language", "currency"]
    inlines = [FederationActivityCategoryInline]


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["number", "name", "county", "country"]
    list_filter = ["country", "county"]
    search_fields = ["name", "number"]


class DomainInline(admin.TabularInline):
    model = Domain
    extra = 0


class CentreStatusChangeInline(admin.TabularInline):
    model = CentreStatusChange
    extra = 0
    can_delete = False
    readonly_fields = ["from_status", "to_status", "changed_at", "note"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Centre)
class CentreAdmin(admin.ModelAdmin):
    """Centres are created with `manage.py create_centre` (schema and defaults included)."""

    list_display = ["name", "slug", "federation", "municipality", "ownership_form", "status"]
    list_filter = ["federation", "status", "ownership_form"]
    search_fields = ["name", "slug", "municipality__name"]
    readonly_fields = ["schema_name", "slug", "status", "status_changed_at", "created_at"]
    inlines = [DomainInline, CentreStatusChangeInline]

    def has_add_permission(self, request):
        return False
