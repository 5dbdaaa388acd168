"""What a centre may ask of its federation's RoPA template: plain ids in, contracts out.

Data flows one way: a centre copies the template into its own schema once and edits its
copy; nothing the centre writes comes back here.
"""

from __future__ import annotations

from shared_apps.ropa.contracts import ProcessingActivityDefault
from shared_apps.ropa.defaults import DEFAULTS
from shared_apps.ropa.models import ProcessingActivityTemplate
from tenants.models import Centre


def processing_template(*, centre_id: int) -> tuple[ProcessingActivityDefault, ...]:
    """The record of processing activities the centre's federation gives its centres: its
    own template if it wrote one, else the built-in one in the federation's language."""
    centre = Centre.objects.select_related("federation").get(pk=centre_id)
    rows = ProcessingActivityTemplate.objects.filter(federation_id=centre.federation_id)
    if rows.exists():
        return tuple(
            ProcessingActivityDefault(
                name=row.name,
                purpose=row.purpose,
                legal_basis=row.legal_basis,
                data_subjects=row.data_subjects,
                data_categories=row.data_categories,
                recipients=row.recipients,
                retention=row.retention,
                security_measures=row.security_measures,
            )
            for row in rows.order_by("position", "id")
        )
    language = centre.federation.default_language
    return DEFAULTS.get(language, DEFAULTS["en"])
