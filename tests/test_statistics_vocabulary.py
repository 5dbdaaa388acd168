"""The centres and the federation's statistics speak one vocabulary.

A centre stores age bands, target groups and request types as codes; the statistics accept
only the codes in `shared_apps.statistics.contracts` (CollectContext turns anything else into
"other" or "unknown", silently). So each centre-side list must be exactly the contract's:
a code added on one side only fails here.
"""

from __future__ import annotations

from shared_apps.statistics import contracts
from shared_apps.statistics.labels import DIMENSION_LABELS
from tenant_apps.helprequests.matching import SKILL_KEYWORDS
from tenant_apps.helprequests.provisioning import DEFAULT_REQUEST_TYPES
from tenant_apps.people.models import AgeBand, TargetGroup


def test_the_age_bands_a_centre_records_are_the_statistics_age_bands():
    assert set(AgeBand.values) == set(contracts.AGE_BANDS)


def test_the_target_groups_a_centre_records_are_the_statistics_target_groups():
    assert set(TargetGroup.values) == set(contracts.TARGET_GROUPS)


def test_the_request_types_a_centre_starts_with_are_the_statistics_request_types():
    assert {code for code, _names in DEFAULT_REQUEST_TYPES} == set(contracts.REQUEST_TYPES)


def test_matching_knows_only_request_types_the_statistics_know():
    assert set(SKILL_KEYWORDS) <= set(contracts.REQUEST_TYPES)


def test_every_code_of_a_closed_list_has_a_label():
    for codes in contracts.CLOSED_DIMENSIONS.values():
        assert set(codes) <= set(DIMENSION_LABELS)
