"""The centre's own lists of skills, interests and areas, which volunteers choose from."""

from __future__ import annotations

from django.db import models, transaction
from django.utils.translation import gettext as _

from tenant_apps.people.models import Area, Skill
from toolkit.errors import ApplicationError


def _clean_name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise ApplicationError(_("Enter a name."), field="name")
    if len(name) > 100:
        raise ApplicationError(_("Use at most 100 characters."), field="name")
    return name


def _refuse_taken_name(items: models.QuerySet, *, name: str, item: models.Model) -> None:
    """Names are unique in a list, whatever their case."""
    if items.filter(name__iexact=name).exclude(pk=item.pk).exists():
        raise ApplicationError(_("The list already has this name."), field="name")


def skill_create(*, name: str, kind: str = Skill.Kind.SKILL) -> Skill:
    """Add a skill or an interest to the centre's list."""
    return _skill_save(Skill(kind=kind), name=name, kind=kind, is_active=True)


def skill_update(*, skill: Skill, name: str, kind: str, is_active: bool) -> Skill:
    """Rename a skill or interest, or take it out of use (volunteers who have it keep it)."""
    return _skill_save(skill, name=name, kind=kind, is_active=is_active)


def _skill_save(skill: Skill, *, name: str, kind: str, is_active: bool) -> Skill:
    name = _clean_name(name)
    if kind not in Skill.Kind.values:
        raise ApplicationError(_("Choose skill or interest."), field="kind")
    with transaction.atomic():
        _refuse_taken_name(Skill.objects.filter(kind=kind), name=name, item=skill)
        skill.name, skill.kind, skill.is_active = name, kind, is_active
        skill.save()
    return skill


def area_create(*, name: str) -> Area:
    """Add an area of the municipality to the centre's list."""
    return _area_save(Area(), name=name, is_active=True)


def area_update(*, area: Area, name: str, is_active: bool) -> Area:
    """Rename an area, or take it out of use (volunteers who cover it keep it)."""
    return _area_save(area, name=name, is_active=is_active)


def _area_save(area: Area, *, name: str, is_active: bool) -> Area:
    name = _clean_name(name)
    with transaction.atomic():
        _refuse_taken_name(Area.objects.all(), name=name, item=area)
        area.name, area.is_active = name, is_active
        area.save()
    return area
