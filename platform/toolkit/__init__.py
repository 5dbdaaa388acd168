"""Dugnad's toolkit: the one place for work every app does the same way.

Shared apps, tenant apps and `tenants` may import it; it imports none of them (an
import-linter contract in pyproject.toml says so). Before writing a helper in an app, look
here; if two apps need the same helper, move it here.

- `errors`      ApplicationError; its message on a form; DRF's EXCEPTION_HANDLER
- `pagination`  one page of a list, with `toolkit/_pagination.html`
- `exports`     formula-safe CSV and Excel files
- `i18n`        the `name_nb` / `name_da` / `name_en` pick, driven by settings.LANGUAGES
- `actors`      who acts: the type services take for audit records
- `navigation`  menus filtered by the access policies that guard their pages
- `templates/toolkit/_htmx.html`  htmx with the one configuration the strict CSP needs
"""
