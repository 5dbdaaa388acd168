"""Migrate every schema in seconds: find the schemas that are behind in one query, apply the
missing migrations only there, in parallel, each schema in its own transaction.

Stock django-tenants runs Django's whole `migrate` command once per schema — loading the
migration graph, rendering the project state, emitting post_migrate — even when there is
nothing to apply, which costs about a quarter of a second per schema. Here (see
docs/adr/0020-fast-migrations.md):

1. One query over the catalogue and one `UNION ALL` over every schema's `django_migrations`
   (a hash of the applied names per schema) tell which schemas miss a migration the code
   has. When none does, that is all: no schema is entered.
2. `public` (shared apps) is migrated first, by django-tenants' own executor, then the
   template `centre_template` (which new centres are cloned from), then the centres that
   are behind, in a pool of processes sized to the cores.
3. Schemas that are behind by the same migrations share one plan: each process computes the
   plan and the model states before and after every operation once, and per schema only
   replays the operations' SQL (`database_forwards`) and records the migrations — the SQL
   Django would run, without Django's per-schema Python work.
4. Each schema is migrated in one transaction: a schema that fails rolls back entirely, is
   reported with its error, and the others go on. A re-run picks up exactly the schemas
   that are still behind. Nothing waits forever: a schema whose tables stay locked (a long
   transaction of someone else's) fails after `lock_timeout`, and a process that dies
   (killed, out of memory) fails the schemas it had left instead of hanging the run.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import multiprocessing.util
import os
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection, transaction
from django.db.migrations import operations as migration_operations
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.db.migrations.state import ProjectState

from tenants.schema_clone import quote_schema
from toolkit.connections import close_all_connections

PUBLIC_SCHEMA = "public"

# Operations that change no model's existence, name or options: a plan made only of these
# needs no post_migrate (content types and permissions cannot change), which would cost
# about a hundred queries per schema.
SCHEMA_ONLY_OPERATIONS = (
    migration_operations.AddField,
    migration_operations.RemoveField,
    migration_operations.AlterField,
    migration_operations.RenameField,
    migration_operations.AddIndex,
    migration_operations.RemoveIndex,
    migration_operations.RenameIndex,
    migration_operations.AddConstraint,
    migration_operations.RemoveConstraint,
    migration_operations.AlterUniqueTogether,
    migration_operations.AlterIndexTogether,
    migration_operations.RunSQL,
)

Key = tuple[str, str]

# Seconds a schema's migration waits for a lock on one of its tables before that schema
# fails (and the others go on); settings.MIGRATION_LOCK_TIMEOUT or `migrate --lock-timeout`.
DEFAULT_LOCK_TIMEOUT_S = 30


@dataclass(frozen=True)
class SchemaFailure:
    schema: str
    error: str


@dataclass
class MigrateReport:
    schemas_checked: int = 0
    check_s: float = 0.0
    public_migrated: bool = False
    behind: list[str] = field(default_factory=list)  # template and centres, in order
    migrated: list[str] = field(default_factory=list)
    failures: list[SchemaFailure] = field(default_factory=list)
    workers: int = 0


# --- What the code expects, what each schema has ------------------------------------------


def load_graph() -> MigrationLoader:
    """The migrations on disk (no database read: the applied set is per schema here)."""
    return MigrationLoader(None, ignore_no_migrations=True)


def expected_migrations(loader: MigrationLoader) -> list[Key]:
    return sorted(loader.graph.nodes)


def migrations_hash(keys) -> str:
    return hashlib.md5(
        ",".join(sorted(f"{app}.{name}" for app, name in keys)).encode(), usedforsecurity=False
    ).hexdigest()


def _satisfied(key: Key, applied: frozenset[Key], loader: MigrationLoader) -> bool:
    if key in applied:
        return True
    replaces = loader.graph.nodes[key].replaces
    return bool(replaces) and all(tuple(r) in applied for r in replaces)


def schemas_behind(schemas: list[str], loader: MigrationLoader) -> dict[str, frozenset[Key]]:
    """The schemas (of `schemas`) that miss a migration on disk, with what each has applied.

    Two queries whatever the number of schemas: which schemas exist with a migration table,
    then the hash of every one's applied migrations by one UNION ALL. Only schemas whose hash
    differs from the expected one are read in full (a schema with stale rows of migrations
    deleted from disk differs but is not behind).
    """
    expected = expected_migrations(loader)
    expected_hash = migrations_hash(expected)
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT n.nspname, c.oid IS NOT NULL
            FROM pg_namespace n
            LEFT JOIN pg_class c
                ON c.relnamespace = n.oid AND c.relname = 'django_migrations' AND c.relkind = 'r'
            WHERE n.nspname = ANY(%s)
            """,
            [schemas],
        )
        found = dict(cursor.fetchall())
        with_table = [schema for schema in schemas if found.get(schema)]
        hashes: dict[str, str] = {}
        if with_table:
            cursor.execute(
                " UNION ALL ".join(
                    f"SELECT '{schema}', md5(string_agg(app || '.' || name, ',' "
                    f"ORDER BY app || '.' || name COLLATE \"C\")) "
                    f"FROM {quote_schema(schema)}.django_migrations"
                    for schema in with_table
                )
            )
            hashes = dict(cursor.fetchall())
        behind: dict[str, frozenset[Key]] = {}
        for schema in schemas:
            if schema not in found or not found[schema]:
                behind[schema] = frozenset()
                continue
            if hashes.get(schema) == expected_hash:
                continue
            cursor.execute(f"SELECT app, name FROM {quote_schema(schema)}.django_migrations")
            applied = frozenset(cursor.fetchall())
            if not all(_satisfied(key, applied, loader) for key in expected):
                behind[schema] = applied
    return behind


# --- A plan, computed once per process and replayed per schema ------------------------


@dataclass
class Step:
    key: Key
    atomic: bool
    replaces: list[Key]
    operations: list[tuple]  # (operation, from_state, to_state)


@dataclass
class Plan:
    steps: list[Step]
    needs_post_migrate: bool
    final_state: ProjectState


def make_plan(loader: MigrationLoader, applied: frozenset[Key]) -> Plan:
    """The migrations `applied` misses, in order, with the model states around each operation,
    as Django's executor would compute them for this schema."""
    graph = loader.graph
    full_plan: list[Key] = []
    seen: set[Key] = set()
    for leaf in sorted(graph.leaf_nodes()):
        for key in graph.forwards_plan(leaf):
            if key not in seen:
                seen.add(key)
                full_plan.append(key)
    state = ProjectState(real_apps=loader.unmigrated_apps)
    pending = []
    for key in full_plan:
        if _satisfied(key, applied, loader):
            graph.nodes[key].mutate_state(state, preserve=False)
        else:
            pending.append(key)
    state.apps  # noqa: B018 - render the models once, as Django's executor does
    steps = []
    needs_post_migrate = False
    for key in pending:
        migration = graph.nodes[key]
        operations = []
        for operation in migration.operations:
            before = state.clone()
            operation.state_forwards(migration.app_label, state)
            operations.append((operation, before, state.clone()))
            if not isinstance(operation, SCHEMA_ONLY_OPERATIONS):
                needs_post_migrate = True
        steps.append(
            Step(
                key=key,
                atomic=migration.atomic,
                replaces=[tuple(r) for r in migration.replaces],
                operations=operations,
            )
        )
    return Plan(steps=steps, needs_post_migrate=needs_post_migrate, final_state=state)


def apply_plan(
    schema: str,
    plan: Plan,
    *,
    create_table: bool = True,
    verbosity: int = 0,
    lock_timeout_s: float | None = None,
) -> None:
    """Run `plan` in `schema`, in one transaction (a savepoint if one is open).

    With `lock_timeout_s`, a statement that waits longer for a lock fails the schema
    (LockNotAvailable) instead of waiting forever; it is set for this transaction only, so
    not inside an open one (a test's), which it would outlive."""
    from django.core.management.sql import emit_post_migrate_signal, emit_pre_migrate_signal

    try:
        # As django-tenants: create the schema's migration table in the schema itself (a
        # schema with migrations applied has it: no need to look it up).
        connection.set_schema(schema, include_public=not create_table)
        outermost = not connection.in_atomic_block
        with transaction.atomic():
            if lock_timeout_s and outermost:
                with connection.cursor() as cursor:
                    cursor.execute(
                        "SELECT set_config('lock_timeout', %s, true)",
                        [f"{int(lock_timeout_s * 1000)}ms"],
                    )
            recorder = MigrationRecorder(connection)
            if create_table:
                recorder.ensure_schema()
                connection.set_schema(schema)
            else:
                recorder._has_table = True  # spares record_applied a catalogue query
            if plan.needs_post_migrate:
                emit_pre_migrate_signal(verbosity, False, connection.alias)
            for step in plan.steps:
                with connection.schema_editor(atomic=step.atomic) as editor:
                    for operation, before, after in step.operations:
                        operation.database_forwards(step.key[0], editor, before, after)
                for app, name in step.replaces:
                    recorder.record_applied(app, name)
                recorder.record_applied(*step.key)
            if plan.needs_post_migrate:
                emit_post_migrate_signal(
                    verbosity, False, connection.alias, apps=plan.final_state.apps
                )
    finally:
        connection.set_schema_to_public()


# --- Running it over many schemas ---------------------------------------------------------

_loader: MigrationLoader | None = None
_plans: dict[frozenset[Key], Plan] = {}
_applied_by_schema: dict[str, frozenset[Key]] = {}
_lock_timeout_s: float | None = None


def _plan_for(applied: frozenset[Key]) -> Plan:
    global _loader
    if _loader is None:
        _loader = load_graph()
    if applied not in _plans:
        _plans[applied] = make_plan(_loader, applied)
    return _plans[applied]


def migrate_one(schema: str) -> tuple[str, str | None]:
    """Migrate one schema that is behind; (schema, None) or (schema, the error)."""
    try:
        applied = _applied_by_schema[schema]
        apply_plan(
            schema, _plan_for(applied), create_table=not applied, lock_timeout_s=_lock_timeout_s
        )
    except Exception as error:  # reported per schema, the others go on
        if not connection.in_atomic_block:
            connection.close_if_unusable_or_obsolete()
        # The database's own error class (DuplicateColumn, LockNotAvailable, ...) says most.
        cause = error.__cause__ if error.__cause__ is not None else error
        message = " ".join(str(error).split()) or type(cause).__name__
        return schema, f"{type(cause).__name__}: {message}"
    return schema, None


def _start_worker() -> None:
    """In each migrating process: drop the connections inherited from the parent, and close
    the process's own when it ends (the pool's processes skip atexit), so that the server
    has no session left over when `migrate` returns."""
    close_all_connections()
    multiprocessing.util.Finalize(None, close_all_connections, exitpriority=10)


def pool_size(schemas: int) -> int:
    return max(1, min(os.cpu_count() or 1, schemas))


def migrate_schemas_fast(
    *,
    include_public: bool = True,
    include_centres: bool = True,
    workers: int | None = None,
    lock_timeout_s: float | None = None,
    migrate_public: Callable[[], None] | None = None,
    say: Callable[[str], None] = lambda message: None,
) -> MigrateReport:
    """Bring `public`, the template and every centre schema up to date; see the module doc.

    `migrate_public` runs the shared apps' migrations on `public` (the command passes
    django-tenants' executor). Failures of the template and the centres are collected in
    the report, not raised. `lock_timeout_s` (default settings.MIGRATION_LOCK_TIMEOUT)
    bounds each statement's wait for a lock; 0 waits as long as it takes.
    """
    from tenants.models import Centre

    global _loader, _lock_timeout_s
    report = MigrateReport()
    started = time.perf_counter()
    loader = load_graph()
    _loader = loader
    if lock_timeout_s is None:
        lock_timeout_s = getattr(settings, "MIGRATION_LOCK_TIMEOUT", DEFAULT_LOCK_TIMEOUT_S)
    _lock_timeout_s = lock_timeout_s
    _plans.clear()
    template = settings.TENANT_BASE_SCHEMA
    # `public` first: the centre list is read from it, and the centres' migrations may need
    # the shared tables' latest state.
    if include_public:
        report.schemas_checked += 1
        if schemas_behind([PUBLIC_SCHEMA], loader):
            say("public: migrating the shared schema")
            assert migrate_public is not None
            migrate_public()
            report.public_migrated = True
    if not include_centres:
        report.check_s = time.perf_counter() - started
        return report
    centres = sorted(
        Centre.objects.exclude(schema_name=PUBLIC_SCHEMA).values_list("schema_name", flat=True)
    )
    schemas = [template, *centres]
    behind = schemas_behind(schemas, loader)
    report.schemas_checked += len(schemas)
    report.check_s = time.perf_counter() - started
    if not behind:
        return report

    report.behind = [schema for schema in schemas if schema in behind]
    _applied_by_schema.clear()
    _applied_by_schema.update(behind)
    existing = _existing_schemas(report.behind)
    if template in behind:
        if template not in existing:
            with connection.cursor() as cursor:
                cursor.execute(f"CREATE SCHEMA {quote_schema(template)}")
        # First, alone: new centres are cloned from it while the others are migrated.
        _collect(report, [migrate_one(template)])
    rest = []
    for schema in report.behind:
        if schema == template:
            continue
        if schema not in existing:
            report.failures.append(SchemaFailure(schema, "the schema does not exist"))
        else:
            rest.append(schema)
    if not rest:
        return report
    size = workers or pool_size(len(rest))
    # Inside a transaction (a test), or with one schema or one core: in this process.
    if size == 1 or connection.in_atomic_block:
        report.workers = 1
        for schema in rest:
            result = migrate_one(schema)
            _collect(report, [result])
            say(_progress(result))
        return report
    report.workers = size
    # The processes inherit the loader and the applied sets (fork); none may share this
    # process's connections or pool threads: each opens its own connection.
    close_all_connections()
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(size, mp_context=context, initializer=_start_worker) as executor:
        futures = {executor.submit(migrate_one, schema): schema for schema in rest}
        for future in as_completed(futures):
            try:
                result = future.result()
            except BrokenProcessPool:
                # A process died (killed, out of memory): its schema's transaction is rolled
                # back by the server; this schema and the ones not started are reported.
                result = (futures[future], "the migrating process died; run migrate again")
            _collect(report, [result])
            say(_progress(result))
    return report


def _existing_schemas(schemas: list[str]) -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT nspname FROM pg_namespace WHERE nspname = ANY(%s)", [schemas])
        return {row[0] for row in cursor.fetchall()}


def _collect(report: MigrateReport, results: list[tuple[str, str | None]]) -> None:
    for schema, error in results:
        if error is None:
            report.migrated.append(schema)
        else:
            report.failures.append(SchemaFailure(schema, error))


def _progress(result: tuple[str, str | None]) -> str:
    schema, error = result
    return f"{schema}: migrated" if error is None else f"{schema}: FAILED {error}"
