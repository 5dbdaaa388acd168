"""The centre's own settings (police-certificate validity, confidentiality declaration
version, reminder lead time …), changed by its managers."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from tenant_apps.audit.models import AuditAction
from tenant_apps.audit.services import audit_record
from tenant_apps.people.models import CentreSettings
from toolkit.actors import Actor
from toolkit.errors import ApplicationError


def centre_settings_update(*, actor: Actor, data: dict[str, Any]) -> CentreSettings:
    """Change the given settings (model field name → value) and record who did it."""
    editable = {f.name for f in CentreSettings._meta.concrete_fields if not f.primary_key}
    unknown = set(data) - editable
    if unknown:
        raise ApplicationError(_("Unknown field."), field=sorted(unknown)[0])
    with transaction.atomic():
        settings = CentreSettings.objects.select_for_update().order_by("pk").first()
        if settings is None:
            settings = CentreSettings()
        changed = sorted(name for name, value in data.items() if getattr(settings, name) != value)
        for name, value in data.items():
            setattr(settings, name, value.strip() if isinstance(value, str) else value)
        settings.full_clean()
        settings.save()
        if changed:
            audit_record(
                actor=actor,
                action=AuditAction.UPDATED,
                subject_type="centre_settings",
                subject_id=settings.pk,
                code="centre_settings.changed",
                params={"fields": changed},
            )
    return settings
