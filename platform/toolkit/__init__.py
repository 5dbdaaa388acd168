"""Dugnad's toolkit: the one place for work every app does the same way.

Shared apps, tenant apps and `tenants` may import it; it imports none of them (an
import-linter contract in pyproject.toml says so). Before writing a helper in an app, look
here; if two apps need the same helper, move it here.

- `errors`      ApplicationError; its message on a form; DRF's EXCEPTION_HANDLER
- `pagination`  one page of a list, with `toolkit/_pagination.html`
- `exports`     formula-safe CSV and Excel files; CSV with the reader's separators
- `i18n`        the `name_nb` / `name_da` / `name_en` pick, driven by settings.LANGUAGES
- `actors`      who acts: the type services take for audit records
- `navigation`  menus filtered by the access policies that guard their pages
- `emails`      a message in the recipient's language from one template trio; sending it
                after the commit inside the request's schema
- `publicforms` what every form without sign-in shares: honeypot, consent box, one submit path
- `ratelimit`   a fixed-window limit per client address, per scope and centre, in the cache
- `forms`       decimal fields that read "1,5", phone numbers checked and stored as E.164
- `formats`     dates the language's way ("onsdag 9. desember")
- `log_masking` secret addresses (settings.SECRET_URL_PATTERNS) cut out of logs and error reports
- `pdf`         PDF from HTML with WeasyPrint, fetching nothing
- `personal_data` the GDPR registry: what each app holds about a person, export and erasure
- `templatetags` `{% load toolkit %}`: `weekday_date`, `weekday_date_time`, `phone`
- `templates/toolkit/_htmx.html`  htmx with the one configuration the strict CSP needs
"""
