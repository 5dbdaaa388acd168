"""django-tenants' PostgreSQL backend, with the search path cleared before a pooled
connection goes back to the pool.

A centre's request sets `search_path` to its schema; the connection then returns to the
pool for the next request, perhaps another centre's. django-tenants sets the path again
before the next query made through Django, but the server session would still hold the
last centre's schema until then. So `RESET search_path` runs here, in the request's own
thread, before the connection is handed back.

Not psycopg_pool's `reset` hook: the pool runs that in a background thread, so a
single-threaded gunicorn worker asks for its next connection before the last one is back,
and the pool opens a second one. The worker's requests then alternate between two server
connections, each keeping a catalogue cache of every centre's tables it has seen: twice the
memory, half as warm (deploy/SCALING.md measures what that costs).
"""

from __future__ import annotations

import psycopg
from django_tenants.postgresql_backend.base import DatabaseWrapper as TenantsDatabaseWrapper
from psycopg.pq import TransactionStatus


class DatabaseWrapper(TenantsDatabaseWrapper):
    def _close(self):
        if self.connection is not None and self.pool:
            forget_schema(self.connection)
        return super()._close()


def forget_schema(connection: psycopg.Connection) -> None:
    """Leave the server session on the default search path. A connection that cannot is
    closed, and the pool discards it instead of handing it out again."""
    try:
        if connection.info.transaction_status != TransactionStatus.IDLE:
            connection.rollback()
        connection.execute("RESET search_path")
        if not connection.autocommit:
            connection.commit()
    except psycopg.Error:
        connection.close()
