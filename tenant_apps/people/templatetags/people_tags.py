from django import template

from tenant_apps.people.models import Language, TargetGroup

register = template.Library()


def _labels(choices, codes) -> str:
    labels = dict(choices)
    return ", ".join(str(labels.get(code, code)) for code in codes or ())


@register.filter
def language_names(codes) -> str:
    """Language codes as their names in the page's language, e.g. "Norwegian, Arabic"."""
    return _labels(Language.choices, codes)


@register.filter
def target_group_names(codes) -> str:
    """Target group codes as their names in the page's language."""
    return _labels(TargetGroup.choices, codes)
