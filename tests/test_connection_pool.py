"""A pooled connection never carries one centre's schema into the next use, and a
single-threaded worker keeps to one server connection."""

from django.db import connection

from tests.plugin import in_thread


def server_search_path() -> str:
    """What the server session of the next pooled connection has, read without Django
    (which would set the path first)."""
    raw = connection.pool.getconn()
    try:
        return raw.execute("SHOW search_path").fetchone()[0]
    finally:
        connection.pool.putconn(raw)


def test_a_connection_goes_back_to_the_pool_without_the_centres_schema(centre):
    def centre_request():
        connection.set_tenant(centre)
        with connection.cursor() as cursor:
            cursor.execute("SHOW search_path")
            assert centre.schema_name in cursor.fetchone()[0]
        connection.close()  # as at the end of a request: back to the pool
        return server_search_path()

    search_path = in_thread(centre_request)

    assert centre.schema_name not in search_path


def test_a_connection_is_back_in_the_pool_when_the_request_ends(centre):
    """So a worker's next request gets the same server connection (warm for every centre it
    has served), instead of the pool opening a second one while the first is still being
    reset, and the worker alternating between the two."""

    def request():
        stats = connection.pool.get_stats
        connection.set_tenant(centre)
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        available = stats().get("pool_available", 0)
        connection.set_schema_to_public()
        connection.close()  # the end of the request
        return available, stats().get("pool_available", 0)

    for _ in range(5):
        before, after = in_thread(request)
        assert after == before + 1


def test_next_request_on_a_reused_connection_sees_only_its_own_centre(
    centre_client, other_centre_client
):
    first = centre_client.get("/")
    second = other_centre_client.get("/")
    third = centre_client.get("/")
    assert "Alpha Frivilligsentral" in first.text and "Beta" not in first.text
    assert "Beta Frivilligsentral" in second.text and "Alpha" not in second.text
    assert "<h1>Alpha Frivilligsentral</h1>" in third.text
