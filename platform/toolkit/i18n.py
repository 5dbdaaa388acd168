"""Names kept once per language (`name_nb`, `name_da`, `name_en`): pick the reader's.

Driven by settings.LANGUAGES: a language added there (and a `name_<code>` column added to
the models) is picked up here, nowhere else.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import translation


def _codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def language_field(field: str = "name", language: str | None = None) -> str:
    """The column holding `field` in `language` (default: the active one), e.g. "name_da".

    A language Dugnad has no column for falls back to settings.LANGUAGE_CODE's column.
    """
    code = (language or translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    if code not in _codes():
        code = settings.LANGUAGE_CODE
    return f"{field}_{code}"


def localized(obj, field: str = "name", language: str | None = None) -> str:
    """`obj`'s `field` in the reader's language, else in the default language."""
    value = getattr(obj, language_field(field, language), "")
    return value or getattr(obj, f"{field}_{settings.LANGUAGE_CODE}", "")


class LocalizedNameMixin:
    """For a model with `name_<code>` columns: `.name` in the reader's language."""

    @property
    def name(self) -> str:
        return localized(self)
