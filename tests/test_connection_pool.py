"""A pooled connection never carries one centre's schema into the next use."""

import pytest
from django.db import connection
from psycopg_pool import ConnectionPool

from config.database import reset_connection


def test_django_pool_resets_search_path_on_return(db):
    assert connection.pool is not None
    assert connection.pool._reset is reset_connection


@pytest.mark.parametrize("autocommit", [True, False], ids=["autocommit", "transactions"])
def test_reused_raw_connection_sees_only_the_default_schema(centre, other_centre, autocommit):
    """With one pooled connection, what one user set is gone for the next one (Django's
    connections are in autocommit mode; raw driver use may not be)."""
    settings_dict = connection.settings_dict
    conninfo = connection.get_connection_params()
    conninfo.pop("cursor_factory", None)
    conninfo.pop("context", None)
    with ConnectionPool(
        kwargs={**conninfo, "autocommit": autocommit},
        min_size=1,
        max_size=1,
        reset=reset_connection,
        open=True,
    ) as pool:
        with pool.connection() as first:
            first.execute(f'SET search_path TO "{centre.schema_name}"')
            first_pid = first.info.backend_pid
            name = first.execute("SELECT count(*) FROM activities_activitycategory").fetchone()
            assert name[0] == 9
        with pool.connection() as second:
            assert second.info.backend_pid == first_pid  # the same server connection
            search_path = second.execute("SHOW search_path").fetchone()[0]
            assert centre.schema_name not in search_path
            tables = second.execute(
                "SELECT count(*) FROM information_schema.tables "
                "WHERE table_name = 'activities_activitycategory' "
                "AND table_schema = ANY (current_schemas(false))"
            ).fetchone()[0]
            assert tables == 0
    assert settings_dict["NAME"]


def test_next_request_on_a_reused_connection_sees_only_its_own_centre(
    centre_client, other_centre_client
):
    first = centre_client.get("/")
    second = other_centre_client.get("/")
    third = centre_client.get("/")
    assert "Alpha Frivilligsentral" in first.text and "Beta" not in first.text
    assert "Beta Frivilligsentral" in second.text and "Alpha" not in second.text
    assert "<h1>Alpha Frivilligsentral</h1>" in third.text
