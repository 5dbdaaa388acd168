"""Defaults a new centre starts with (called by tenants.services.centre_provision)."""

from tenant_apps.helprequests.models import RequestType
from tenants.contracts import CentreDefaults

# code -> name in each language a federation can speak. Stored in the federation's
# language: the centre renames them as it likes on /help/types/.
DEFAULT_REQUEST_TYPES: tuple[tuple[str, dict[str, str]], ...] = (
    ("visiting-friend", {"nb": "Besøksvenn", "da": "Besøgsven", "en": "Visiting friend"}),
    ("transport", {"nb": "Transport", "da": "Transport", "en": "Transport"}),
    ("shopping", {"nb": "Handlehjelp", "da": "Indkøbshjælp", "en": "Shopping"}),
    ("digital-help", {"nb": "Digital hjelp", "da": "Digital hjælp", "en": "Digital help"}),
    ("garden", {"nb": "Hagearbeid", "da": "Havearbejde", "en": "Garden work"}),
    ("walks", {"nb": "Følge på tur", "da": "Selskab på gåture", "en": "Company on walks"}),
    ("other", {"nb": "Annet", "da": "Andet", "en": "Other"}),
)
FALLBACK_LANGUAGE = "en"


def install_request_types(defaults: CentreDefaults) -> None:
    """Give the new centre the usual types of one-to-one help, named in its federation's
    language. Running it again adds only what is missing."""
    language = defaults.default_language
    RequestType.objects.bulk_create(
        (
            RequestType(
                code=code,
                name=names.get(language, names[FALLBACK_LANGUAGE]),
                position=position,
            )
            for position, (code, names) in enumerate(DEFAULT_REQUEST_TYPES)
        ),
        ignore_conflicts=True,
    )
