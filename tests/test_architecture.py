"""Rules of the tree that no single feature test would notice breaking."""

import importlib
import platform
import subprocess
import sys
import sysconfig
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[1]


def project_apps(app_list):
    return {app for app in app_list if not app.startswith("django.contrib.")}


def test_every_app_is_either_shared_or_tenant_never_both():
    shared, tenant = project_apps(settings.SHARED_APPS), project_apps(settings.TENANT_APPS)
    assert not shared & tenant
    installed = project_apps(settings.INSTALLED_APPS)
    assert installed == shared | tenant
    for config in apps.get_app_configs():
        module = config.name
        if module.startswith("tenant_apps."):
            assert module in tenant, f"{module} must be in TENANT_APPS"
        if module.startswith("shared_apps.") or module == "tenants":
            assert module in shared, f"{module} must be in SHARED_APPS"


def test_every_project_app_has_its_own_explicit_label():
    labels = [
        config.label
        for config in apps.get_app_configs()
        if config.name.startswith(("tenant_apps.", "shared_apps.", "tenants"))
    ]
    assert len(labels) == len(set(labels))
    for config in apps.get_app_configs():
        if config.name.startswith(("tenant_apps.", "shared_apps.")):
            assert "label" in type(config).__dict__, f"{config.name} needs AppConfig.label"


def _is_tenant_model(model) -> bool:
    return model._meta.app_config.name in project_apps(settings.TENANT_APPS)


def _is_shared_model(model) -> bool:
    return model._meta.app_config.name in project_apps(settings.SHARED_APPS)


def test_no_relation_crosses_between_shared_and_tenant_models():
    for model in apps.get_models():
        for field in model._meta.get_fields():
            related = getattr(field, "related_model", None)
            if related is None or not field.is_relation:
                continue
            if _is_shared_model(model):
                assert not _is_tenant_model(related), f"{model.__name__}.{field.name}"
            if _is_tenant_model(model):
                assert not _is_shared_model(related), f"{model.__name__}.{field.name}"


def test_platform_folder_does_not_shadow_the_standard_library():
    assert not (ROOT / "platform" / "__init__.py").exists()
    stdlib = Path(sysconfig.get_paths()["stdlib"]).resolve()
    assert Path(platform.__file__).resolve().parent == stdlib
    assert platform.system() == "Linux"
    assert importlib.import_module("uuid").uuid4()
    assert importlib.import_module("config").__name__ == "config"


def test_no_app_folder_shadows_a_standard_library_module():
    """An app named like a stdlib module (`statistics`) must only ever be importable under its
    package: with a folder on sys.path that holds it directly, `import statistics` would give
    our app to every library that wants the standard one."""
    stdlib = Path(sysconfig.get_paths()["stdlib"]).resolve()
    for folder in ("shared_apps", "tenant_apps"):
        assert (ROOT / folder / "__init__.py").exists(), folder
        assert str(ROOT / folder) not in [str(Path(entry).resolve()) for entry in sys.path]
    for name in sys.stdlib_module_names:
        for folder in ("shared_apps", "tenant_apps", "tenants"):
            if (ROOT / folder / name).is_dir():
                module = importlib.import_module(name)
                assert Path(module.__file__).resolve().is_relative_to(stdlib), name
    assert importlib.import_module("statistics").median([1, 2, 3]) == 2


def test_platform_module_works_inside_the_django_process():
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "manage.py"),
            "shell",
            "--no-imports",
            "-c",
            "import platform, uuid, sentry_sdk; from django.db import models; "
            "print(platform.system(), platform.__file__)",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    system, path = result.stdout.split()
    assert system == "Linux"
    assert not path.startswith(str(ROOT))


def test_template_schema_holds_only_what_the_clone_copies(db):
    """schema_clone copies tables, identity sequences, constraints, indexes and triggers;
    nothing else may appear in the template, or clones would silently miss it."""
    template = settings.TENANT_BASE_SCHEMA
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT c.relname, c.relkind FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = %s AND c.relkind NOT IN ('r', 'i')
              AND NOT (c.relkind = 'S' AND EXISTS (
                  SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'i'))
            """,
            [template],
        )
        assert cursor.fetchall() == []
        cursor.execute(
            "SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
            "WHERE n.nspname = %s",
            [template],
        )
        assert cursor.fetchone()[0] == 0
        # Triggers are copied too: a clone has exactly the template's.
        cursor.execute(
            "SELECT c.relname, t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = %s AND NOT t.tgisinternal ORDER BY 1, 2",
            [template],
        )
        template_triggers = cursor.fetchall()
        assert template_triggers, "the statistics change mark needs its triggers"
        cursor.execute(
            "SELECT c.relname, t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = %s AND NOT t.tgisinternal ORDER BY 1, 2",
            ["c_alpha"],
        )
        assert cursor.fetchall() == template_triggers
