"""One centre out of the database and back in: `centre_export` and `centre_import`.

An export is one zip file:

- `manifest.json`: the format, when and from where it was made, the centre's own row, the
  migrations its schema had, and per table its row count and a SHA-256 of its data;
- `schema/<table>.csv`: every table of the centre's schema, by PostgreSQL's COPY (CSV with
  a header, so columns are matched by name);
- `shared/<app.model>.json`: the centre's rows in the shared schema, i.e. the rows of every
  shared model with a foreign key to the centre (memberships, API tokens, invitations,
  status history, network memberships and posts, statistics, annual reports), with the
  accounts they name (`shared/accounts.json`) and the files they hold (`files/…`).

It holds all of the centre's personal data: keep it encrypted and delete it when done.

An import restores it in the same migration state (a file from another version is refused
with a message: restore it with the version that made it, then migrate). `as_slug` makes
a new centre from it (the people keep their roles, but no API token, invitation, network
post or statistic is copied: those belong to the original); without it, the centre comes
back under its own subdomain — over itself only when `replace=True`, the command having
asked first. Everything runs in one transaction: a failed import leaves nothing behind.

Loading uses COPY with the tables' own triggers off, so the change marks come back as they
were; foreign keys are checked at commit (Django makes them DEFERRABLE INITIALLY DEFERRED).
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.files.base import ContentFile
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tenants.models import Centre, CentreStatusChange, Domain, Federation, Municipality
from tenants.schema_clone import clone_schema, quote, quote_schema
from tenants.services import _validate_slug, centre_domain, schema_name_for
from toolkit.errors import ApplicationError

FORMAT = "dugnad-centre-export/1"
SKIPPED_TABLES = frozenset({"django_migrations"})
# Rows that belong to the original centre only: a copy under a new subdomain starts
# without them (a token or invitation valid at two centres would be a leak).
ORIGINAL_ONLY = frozenset(
    {
        "accounts.apitoken",
        "accounts.invitation",
        "tenants.centrestatuschange",
        "networks.networkmembership",
        "networks.networkpost",
        "networks.meetingnote",
        "networks.networkfile",
        "statistics.centrefigure",
        "statistics.centrewatermark",
        "statistics.publicactivitylisting",
        "reports.annualreportstatus",
        "reports.annualreportsnapshot",
        # The platform's contract with the original centre, and its invoices.
        "billing.billingaccount",
        "billing.invoice",
    }
)
CENTRE_FIELDS = (
    "name",
    "regional_network",
    "ownership_form",
    "status",
    "status_changed_at",
    "trial_ends_on",
    "retention_until",
)
ACCOUNT_FIELDS = (
    "email",
    "full_name",
    "password",
    "is_active",
    "preferred_language",
    "date_joined",
)


class CentreImportError(ApplicationError):
    pass


@dataclass(frozen=True)
class ImportResult:
    centre: Centre
    tables: int
    rows: int
    shared_rows: int


# --- What a centre is made of --------------------------------------------------------------


def schema_tables(schema: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = %s ORDER BY tablename", [schema]
        )
        return [row[0] for row in cursor.fetchall() if row[0] not in SKIPPED_TABLES]


def schema_migrations(schema: str) -> list[list[str]]:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT app, name FROM {quote_schema(schema)}.django_migrations ORDER BY app, name"
        )
        return [list(row) for row in cursor.fetchall()]


def table_digest(schema: str, table: str) -> tuple[int, str]:
    """Row count and a digest of a table's rows that ignores their physical order."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT count(*), coalesce(md5(string_agg(t::text, E'\\n' ORDER BY t::text)), '') "
            f"FROM {quote_schema(schema)}.{quote(table)} t"
        )
        count, digest = cursor.fetchone()
    return count, digest


def centre_models() -> list[type[models.Model]]:
    """Shared models with a foreign key to the centre: the centre's rows in `public`."""
    found = []
    for model in _shared_models():
        if model is Domain:
            continue
        if any(_points_at_centre(field) for field in model._meta.concrete_fields):
            found.append(model)
    return sorted(found, key=lambda model: model._meta.label_lower)


def _points_at_centre(field) -> bool:
    return _points_at(field, Centre)


def _points_at(field, model) -> bool:
    return (
        field.is_relation
        and (field.many_to_one or field.one_to_one)
        and field.related_model is model
    )


def dependent_models(parents: list[type[models.Model]]) -> list[tuple[type, str, type]]:
    """Shared models whose rows hang on a centre's rows without naming the centre (an
    invoice of its billing account): (model, foreign key name, parent model)."""
    found = []
    for model in _shared_models():
        if model in parents:
            continue
        for field in model._meta.concrete_fields:
            parent = next((p for p in parents if _points_at(field, p)), None)
            if parent is not None:
                found.append((model, field.name, parent))
                break
    return sorted(found, key=lambda item: item[0]._meta.label_lower)


def _shared_models() -> list[type[models.Model]]:
    shared_labels = {app.split(".")[-1] for app in settings.SHARED_APPS}
    return [model for model in apps.get_models() if model._meta.app_label in shared_labels]


def _centre_field(model) -> str:
    return next(field.name for field in model._meta.concrete_fields if _points_at_centre(field))


# --- Export ------------------------------------------------------------------------------


def centre_export(*, centre: Centre, path: Path) -> dict:
    """Write `centre` to a zip file at `path`; returns the manifest."""
    schema = centre.schema_name
    manifest: dict = {
        "format": FORMAT,
        "exported_at": timezone.now().isoformat(),
        "centre": {
            "id": centre.pk,
            "slug": centre.slug,
            "schema_name": schema,
            "federation": centre.federation.slug,
            "municipality": [centre.municipality.country, centre.municipality.number],
            "created_at": centre.created_at.isoformat(),
            **{name: _plain(getattr(centre, name)) for name in CENTRE_FIELDS},
        },
        "migrations": schema_migrations(schema),
        "tables": {},
        "shared": {},
    }
    outermost = not connection.in_atomic_block
    with (
        transaction.atomic(),
        zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive,
    ):
        if outermost:
            # One snapshot of the whole centre, even while people work in it.
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        for table in schema_tables(schema):
            data = _copy_out(schema, table)
            archive.writestr(f"schema/{table}.csv", data)
            count, digest = table_digest(schema, table)
            manifest["tables"][table] = {
                "rows": count,
                "digest": digest,
                "sha256": hashlib.sha256(data).hexdigest(),
            }
        account_ids: set[int] = set()
        direct = centre_models()
        exported: dict[type, list[int]] = {}
        # The centre's own rows first, then the rows that hang on them (parent is not None).
        plan = [(model, _centre_field(model), None) for model in direct]
        for model, key, parent in plan + dependent_models(direct):
            if parent is None:
                rows = list(model._default_manager.filter(**{key: centre}).order_by("pk"))
            else:
                selection = {f"{key}__in": exported[parent]}
                rows = list(model._default_manager.filter(**selection).order_by("pk"))
            exported[model] = [row.pk for row in rows]
            label = model._meta.label_lower
            archive.writestr(f"shared/{label}.json", _rows_json(rows))
            manifest["shared"][label] = len(rows)
            for row in rows:
                account_ids.update(_account_ids(row))
                for field in model._meta.concrete_fields:
                    if isinstance(field, models.FileField) and getattr(row, field.name):
                        stored = getattr(row, field.name)
                        with stored.open("rb") as handle:
                            archive.writestr(f"files/{stored.name}", handle.read())
        accounts = apps.get_model(settings.AUTH_USER_MODEL)._default_manager.filter(
            pk__in=account_ids
        )
        archive.writestr(
            "shared/accounts.json",
            json.dumps(
                [
                    {"id": account.pk, **{f: _plain(getattr(account, f)) for f in ACCOUNT_FIELDS}}
                    for account in accounts.order_by("pk")
                ],
                indent=1,
            ),
        )
        archive.writestr("manifest.json", json.dumps(manifest, indent=1))
    return manifest


def _rows_json(rows: list[models.Model]) -> str:
    """Rows as JSON at full precision (Django's JSON serializer cuts times to milliseconds)."""

    def exact(value):
        if hasattr(value, "isoformat"):
            return value.isoformat()
        return str(value)  # Decimal, UUID

    return json.dumps(serializers.serialize("python", rows), default=exact, indent=1)


def _plain(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def _account_fields(model) -> list[models.Field]:
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    return [
        field
        for field in model._meta.concrete_fields
        if field.is_relation and field.many_to_one and field.related_model is user_model
    ]


def _account_ids(row) -> set[int]:
    ids = set()
    for field in _account_fields(type(row)):
        value = getattr(row, field.attname)
        if value is not None:
            ids.add(value)
    return ids


def _copy_out(schema: str, table: str) -> bytes:
    buffer = io.BytesIO()
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(
            f"COPY {quote_schema(schema)}.{quote(table)} TO STDOUT WITH (FORMAT csv, HEADER true)"
        ) as copy,
    ):
        for chunk in copy:
            buffer.write(chunk)
    return buffer.getvalue()


# --- Import ------------------------------------------------------------------------------


def read_manifest(path: Path) -> dict:
    try:
        with zipfile.ZipFile(path) as archive:
            manifest = json.loads(archive.read("manifest.json"))
    except (OSError, KeyError, ValueError, zipfile.BadZipFile):
        raise CentreImportError(_("This is not a centre export.")) from None
    if manifest.get("format") != FORMAT:
        raise CentreImportError(_("This is not a centre export."))
    return manifest


def centre_import(*, path: Path, as_slug: str | None = None, replace: bool = False):
    """Restore a centre export; see the module's docstring. Returns an ImportResult."""
    manifest = read_manifest(path)
    original = manifest["centre"]
    slug = (as_slug or original["slug"]).strip().lower()
    is_copy = as_slug is not None and slug != original["slug"]
    existing = Centre.objects.filter(slug=slug).first()
    if existing is not None and not (replace and not is_copy):
        raise CentreImportError(
            _("The subdomain “%(slug)s” is already taken.") % {"slug": slug}, field="slug"
        )
    try:
        federation = Federation.objects.get(slug=original["federation"])
        country, number = original["municipality"]
        municipality = Municipality.objects.get(country=country, number=number)
    except (Federation.DoesNotExist, Municipality.DoesNotExist):
        raise CentreImportError(
            _("The export's federation or municipality does not exist here.")
        ) from None

    with zipfile.ZipFile(path) as archive:
        try:
            with transaction.atomic():
                if existing is not None:
                    centre_drop(centre=existing)
                if existing is None:
                    _validate_slug(slug)
                centre = _centre_row(original, slug, federation, municipality, is_copy)
                clone_schema(settings.TENANT_BASE_SCHEMA, centre.schema_name)
                if schema_migrations(centre.schema_name) != manifest["migrations"]:
                    raise CentreImportError(
                        _(
                            "This export was made by another version of Dugnad (its "
                            "migrations differ). Restore it with the version that made it, "
                            "then migrate."
                        )
                    )
                rows = _load_tables(archive, manifest, centre.schema_name)
                shared_rows = _load_shared(archive, manifest, centre, is_copy)
        finally:
            connection.set_schema_to_public()
    return ImportResult(
        centre=centre, tables=len(manifest["tables"]), rows=rows, shared_rows=shared_rows
    )


def centre_drop(*, centre: Centre) -> None:
    """Remove a centre for good: its schema, its shared rows, its domains. No undo."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            # Checks still pending from writes earlier in this transaction run now: a table
            # with pending trigger events cannot be dropped.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"DROP SCHEMA {quote_schema(centre.schema_name)} CASCADE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        for model in reversed(centre_models()):
            model._default_manager.filter(**{_centre_field(model): centre}).delete()
        centre.domains.all().delete()
        Centre.objects.filter(pk=centre.pk).delete()


def _centre_row(original: dict, slug: str, federation, municipality, is_copy: bool) -> Centre:
    fields = {name: original[name] for name in CENTRE_FIELDS}
    if is_copy:
        fields["status_changed_at"] = timezone.now()
    if not is_copy and not Centre.objects.filter(pk=original["id"]).exists():
        # Back under its own id, so that every row that names it is as it was.
        fields["id"] = original["id"]
    centre = Centre.objects.create(
        schema_name=schema_name_for(slug) if is_copy else original["schema_name"],
        slug=slug,
        federation=federation,
        municipality=municipality,
        **fields,
    )
    Domain.objects.create(domain=centre_domain(slug), tenant=centre, is_primary=True)
    if not is_copy:
        Centre.objects.filter(pk=centre.pk).update(created_at=original["created_at"])
    if is_copy:
        CentreStatusChange.objects.create(
            centre=centre,
            to_status=centre.status,
            changed_at=centre.status_changed_at,
            note=f"Restored from an export of {original['slug']}",
        )
    return centre


def _load_tables(archive: zipfile.ZipFile, manifest: dict, schema: str) -> int:
    expected = set(schema_tables(schema))
    if set(manifest["tables"]) != expected:
        raise CentreImportError(_("The export's tables do not match this version of Dugnad."))
    total = 0
    names = {table: f"{quote_schema(schema)}.{quote(table)}" for table in manifest["tables"]}
    with connection.cursor() as cursor:
        # A fresh clone may hold rows of its own (the change mark): the export's replace them.
        cursor.execute(f"TRUNCATE {', '.join(names.values())}")
        # Triggers off before the first row (a table with pending trigger events cannot be
        # altered), foreign keys checked once every table is in, triggers on again.
        for name in names.values():
            cursor.execute(f"ALTER TABLE {name} DISABLE TRIGGER USER")
        for table, facts in manifest["tables"].items():
            data = archive.read(f"schema/{table}.csv")
            if hashlib.sha256(data).hexdigest() != facts["sha256"]:
                raise CentreImportError(
                    _("The export is damaged (table %(table)s).") % {"table": table}
                )
            header = data.split(b"\n", 1)[0].decode()
            columns = ", ".join(quote(column) for column in _csv_columns(header))
            with cursor.cursor.copy(
                f"COPY {names[table]} ({columns}) FROM STDIN WITH (FORMAT csv, HEADER true)"
            ) as copy:
                copy.write(data)
            total += facts["rows"]
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for name in names.values():
            cursor.execute(f"ALTER TABLE {name} ENABLE TRIGGER USER")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        _reset_identities(cursor, schema)
    return total


def _csv_columns(header: str) -> list[str]:
    import csv

    return next(csv.reader([header]))


def _reset_identities(cursor, schema: str) -> None:
    """Identity columns continue after the highest restored value."""
    cursor.execute(
        """
        SELECT c.relname, a.attname
        FROM pg_attribute a
        JOIN pg_class c ON c.oid = a.attrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = %s AND a.attidentity <> '' AND c.relkind = 'r'
        """,
        [schema],
    )
    for table, column in cursor.fetchall():
        name = f"{quote_schema(schema)}.{quote(table)}"
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence(%s, %s), "
            f"coalesce((SELECT max({quote(column)}) FROM {name}), 0) + 1, false)",
            [name, column],
        )


def _load_shared(archive: zipfile.ZipFile, manifest: dict, centre: Centre, is_copy: bool) -> int:
    accounts = _accounts_by_old_id(json.loads(archive.read("shared/accounts.json")))
    direct = centre_models()
    dependents = {model: (key, parent) for model, key, parent in dependent_models(direct)}
    new_pks: dict[type, dict] = {}
    total = 0
    labels = sorted(manifest["shared"], key=lambda label: apps.get_model(label) in dependents)
    for label in labels:
        model = apps.get_model(label)
        if is_copy and label in ORIGINAL_ONLY:
            continue
        data = archive.read(f"shared/{label}.json")
        new_pks[model] = {}
        for stored in serializers.deserialize("python", json.loads(data), ignorenonexistent=True):
            row = stored.object
            old_pk = row.pk
            stored.m2m_data = {}
            if model in dependents:
                key, parent = dependents[model]
                field = model._meta.get_field(key)
                parent_pk = new_pks.get(parent, {}).get(getattr(row, field.attname))
                if parent_pk is None:
                    continue  # its parent row was not restored (a copy)
                setattr(row, field.attname, parent_pk)
            else:
                setattr(row, _centre_field(model) + "_id", centre.pk)
            for field in _account_fields(model):
                old = getattr(row, field.attname)
                if old is not None:
                    setattr(row, field.attname, accounts[old])
            if is_copy or model._default_manager.filter(pk=row.pk).exists():
                row.pk = None
            for field in model._meta.concrete_fields:
                if isinstance(field, models.FileField) and getattr(row, field.name):
                    name = getattr(row, field.name).name
                    content = ContentFile(archive.read(f"files/{name}"))
                    getattr(row, field.name).save(Path(name).name, content, save=False)
            # A raw save, as loaddata does: timestamps and other computed values stay as exported.
            stored.save()
            new_pks[model][old_pk] = row.pk
            total += 1
    return total


def _accounts_by_old_id(exported: list[dict]) -> dict[int, int]:
    """Exported account ids → this database's: the same e-mail address, or a new account."""
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    mapping = {}
    for account in exported:
        found = user_model._default_manager.filter(email__iexact=account["email"]).first()
        if found is None:
            found = user_model._default_manager.create(
                **{field: account[field] for field in ACCOUNT_FIELDS}
            )
        mapping[account["id"]] = found.pk
    return mapping
