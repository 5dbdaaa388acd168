"""Defaults a new centre starts with (called by tenants.services.centre_provision)."""

from tenant_apps.activities.models import ActivityCategory
from tenants.contracts import CentreDefaults


def install_activity_categories(defaults: CentreDefaults) -> None:
    """Copy the federation's activity categories into the new centre."""
    ActivityCategory.objects.bulk_create(
        ActivityCategory(
            code=category.code,
            name_nb=category.name_nb,
            name_da=category.name_da,
            name_en=category.name_en,
            position=category.position,
        )
        for category in defaults.activity_categories
    )
