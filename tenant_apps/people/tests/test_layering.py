"""People is the bottom layer of a centre's apps (above the audit log): the apps that build
on it may import it, never the other way round. Where people needs them to act, it sends a
signal (tenant_apps/people/signals.py)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PEOPLE = Path(__file__).resolve().parents[1]
ABOVE_PEOPLE = ("tenant_apps.activities", "tenant_apps.helprequests", "tenant_apps.hours")


def _imported_modules(path: Path) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            modules.add(node.module)
    return modules


@pytest.mark.parametrize(
    "path",
    [path for path in sorted(PEOPLE.rglob("*.py")) if "tests" not in path.parts],
    ids=lambda path: str(path.relative_to(PEOPLE)),
)
def test_people_imports_no_app_built_on_it(path):
    above = {
        module
        for module in _imported_modules(path)
        if any(module == app or module.startswith(f"{app}.") for app in ABOVE_PEOPLE)
    }
    assert not above, f"{path.name} imports {sorted(above)}: send a signal instead"
