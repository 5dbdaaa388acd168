"""Closing every database connection of this process, pools included."""

from django.db import connections


def close_all_connections() -> None:
    """Close this process's connections and their pools' connections and threads: before a
    fork (a forked process must not share them), or when a process is done with the
    database (so the server has no session left over)."""
    for connection in connections.all():
        connection.close()
        close_pool = getattr(connection, "close_pool", None)
        if close_pool is not None:
            close_pool()
