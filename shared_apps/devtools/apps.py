from django.apps import AppConfig


class DevtoolsConfig(AppConfig):
    """Developer commands: `demo` (run the product with demo data) and `test` (every check)."""

    name = "shared_apps.devtools"
    label = "devtools"
    verbose_name = "Developer tools"
