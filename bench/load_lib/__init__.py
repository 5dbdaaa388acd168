"""bench/load's parts: the server's settings, the fixed-schema router, the bench accounts and
the locust driver."""
