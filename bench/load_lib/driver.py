"""The load generator: locust, as a library, in a process of its own (locust patches the
standard library with gevent on import, which the bench's Django process must not see).

Reads a JSON plan on stdin:
    {"base_urls": [...], "users": N, "warmup_s": ..., "duration_s": ...,
     "pages": [{"name": ..., "weight": ...,
                "requests": [{"path": ..., "headers": {...}, "server": i}]}]}
Each simulated user loops without pause: picks a page by weight, then one of the page's
requests at random (a centre's host, a session cookie or a token), and GETs it from the
server instance the request names (base_urls[i], as nginx would pick it) without
following redirects; anything but 200 is a failure. Statistics are reset after the warm-up.
Writes one JSON object to stdout: per page and in total, requests, failures, rps, the
p50/p95/p99 response times and their histogram (locust rounds to 2 significant digits above
100 ms).
"""

from __future__ import annotations

import json
import random
import sys
import time
from http.cookiejar import DefaultCookiePolicy

import gevent
from locust import FastHttpUser, constant
from locust.env import Environment


def page_task(page: dict, base_urls: list[str]):
    name = page["name"]
    requests = [
        {**request, "url": base_urls[request["server"]] + request["path"]}
        for request in page["requests"]
    ]

    def run(user: FastHttpUser) -> None:
        request = random.choice(requests)
        with user.client.get(
            request["url"],
            headers=request["headers"],
            name=name,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code} on {request['headers'].get('Host')}")

    run.__name__ = name
    return run


def entry_figures(entry, seconds: float) -> dict:
    count = entry.num_requests
    return {
        "requests": count,
        "failures": entry.num_failures,
        "rps": count / seconds if seconds else 0.0,
        "p50_ms": entry.get_response_time_percentile(0.50) if count else None,
        "p95_ms": entry.get_response_time_percentile(0.95) if count else None,
        "p99_ms": entry.get_response_time_percentile(0.99) if count else None,
        "avg_ms": entry.avg_response_time if count else None,
        # Response times (ms, rounded as locust rounds them) -> count, to merge rounds.
        "histogram": {str(ms): n for ms, n in entry.response_times.items()},
    }


def main() -> int:
    plan = json.load(sys.stdin)

    class BenchUser(FastHttpUser):
        host = plan["base_urls"][0]
        wait_time = constant(0)
        network_timeout = 60.0
        connection_timeout = 60.0
        tasks = {page_task(page, plan["base_urls"]): page["weight"] for page in plan["pages"]}

        def on_start(self) -> None:
            # Each request carries its own cookie: keep nothing a response sets.
            self.client.cookiejar.set_policy(DefaultCookiePolicy(allowed_domains=[]))

    environment = Environment(user_classes=[BenchUser])
    runner = environment.create_local_runner()
    runner.start(plan["users"], spawn_rate=plan["users"])
    gevent.sleep(plan["warmup_s"])
    environment.stats.reset_all()
    started = time.monotonic()
    gevent.sleep(plan["duration_s"])
    seconds = time.monotonic() - started
    pages = {
        page["name"]: entry_figures(environment.stats.get(page["name"], "GET"), seconds)
        for page in plan["pages"]
    }
    total = entry_figures(environment.stats.total, seconds)
    errors = [
        {"page": error.name, "error": str(error.error), "count": error.occurrences}
        for error in environment.stats.errors.values()
    ]
    runner.quit()
    json.dump({"seconds": seconds, "pages": pages, "total": total, "errors": errors}, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
