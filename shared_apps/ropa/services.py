"""Writing a federation's RoPA template (its administrators only)."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from shared_apps.ropa.defaults import DEFAULTS
from shared_apps.ropa.models import ProcessingActivityTemplate
from tenants.models import Federation
from toolkit.errors import ApplicationError

FIELDS = (
    "name",
    "purpose",
    "legal_basis",
    "data_subjects",
    "data_categories",
    "recipients",
    "retention",
    "security_measures",
)


def template_start_from_built_in(*, federation: Federation) -> int:
    """Write the built-in template into the federation's own, to edit (once)."""
    with transaction.atomic():
        if (
            ProcessingActivityTemplate.objects.select_for_update()
            .filter(federation=federation)
            .exists()
        ):
            return 0
        defaults = DEFAULTS.get(federation.default_language, DEFAULTS["en"])
        ProcessingActivityTemplate.objects.bulk_create(
            ProcessingActivityTemplate(federation=federation, position=index, **entry.__dict__)
            for index, entry in enumerate(defaults, start=1)
        )
    return len(defaults)


def template_entry_save(
    *, federation: Federation, entry: ProcessingActivityTemplate | None, **values: str
) -> ProcessingActivityTemplate:
    """Add an entry to the federation's template, or change one. Centres that already copied
    the template keep their copy; new centres get the changed one."""
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise TypeError(f"template_entry_save() got unexpected fields: {sorted(unknown)}")
    with transaction.atomic():
        if entry is None:
            last = (
                ProcessingActivityTemplate.objects.filter(federation=federation)
                .order_by("-position")
                .first()
            )
            entry = ProcessingActivityTemplate(
                federation=federation, position=(last.position + 1) if last else 1
            )
        for key, value in values.items():
            setattr(entry, key, value.strip())
        if not entry.name:
            raise ApplicationError(_("Name the processing activity."), field="name")
        entry.save()
    return entry


def template_entry_delete(*, entry: ProcessingActivityTemplate) -> None:
    """Remove an entry from the federation's template."""
    entry.delete()
