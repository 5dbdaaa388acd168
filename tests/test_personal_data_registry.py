"""Every centre model that holds a person's details, or points at a volunteer or participant,
is covered by a section of the GDPR registry (an app's `gdpr.py`, docs/adr/0018): export and
erasure then reach it. A new model fails here until its app says what to do with it."""

from django.apps import apps
from django.conf import settings
from django.db import models

from toolkit.personal_data import KINDS, sections

PERSONAL_FIELDS = {
    "first_name",
    "last_name",
    "full_name",
    "email",
    "phone",
    "address",
    "date_of_birth",
}
PEOPLE = {"people.Volunteer", "people.Participant"}
# Models whose personal-looking fields describe an organisation, not a person: no one can ask
# for them under GDPR, so no section covers them. Add one only with the reason beside it.
ORGANISATION_DATA = {
    # The centre's own address, phone and e-mail for its public site (the centre's, not
    # a staff member's: the profile form asks for the centre's shared contact details).
    "centre_home.CentreProfile",
}


def centre_models():
    return [
        model
        for model in apps.get_models()
        if model._meta.app_config.name in settings.TENANT_APPS
        and model._meta.app_config.name not in settings.SHARED_APPS
    ]


def holds_personal_data(model) -> bool:
    for field in model._meta.get_fields():
        if field.name in PERSONAL_FIELDS and not field.is_relation:
            return True
        relation = isinstance(field, models.ForeignKey | models.OneToOneField)
        if relation and field.related_model._meta.label in PEOPLE:
            return True
    return False


def test_every_model_with_personal_data_is_covered_by_the_gdpr_registry():
    covered = {label for kind in KINDS for section in sections(kind) for label in section.models}
    personal = {model._meta.label for model in centre_models() if holds_personal_data(model)}

    assert personal - covered - ORGANISATION_DATA == set(), (
        "Say in the app's gdpr.py how these are exported and erased (docs/adr/0018)"
    )
    assert "people.Volunteer" in personal and "hours.HoursEntry" in personal


def test_every_section_names_models_that_exist():
    labels = {model._meta.label for model in apps.get_models()}
    for kind in KINDS:
        for section in sections(kind):
            assert set(section.models) <= labels, section.key


def test_organisation_data_is_named_exactly():
    """The allow-list holds only models that exist, hold such fields, and no section covers:
    a stale entry would hide a model that later gains personal data."""
    labels = {model._meta.label: model for model in centre_models()}
    covered = {label for kind in KINDS for section in sections(kind) for label in section.models}
    for label in ORGANISATION_DATA:
        assert label in labels and holds_personal_data(labels[label]), label
        assert label not in covered, label
