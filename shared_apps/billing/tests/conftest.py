"""localstripe, the stateful Stripe emulator, on loopback for the whole test session; a
receiver for the signed webhooks it sends; Stripe's Checkout and customer portal (which
localstripe lacks) answered at the HTTP boundary of the `stripe` library."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest
import stripe
from stripe._http_client import HTTPClient, new_default_http_client

from shared_apps.billing.emulator import free_port, localstripe_send_webhooks, localstripe_start

WEBHOOK_SECRET = "whsec_dugnad_test"


class Deliveries:
    """Every webhook localstripe sent: raw body and headers, as Stripe would send them."""

    def __init__(self):
        self.received: list[tuple[bytes, dict]] = []
        self.condition = threading.Condition()

    def add(self, body: bytes, headers: dict) -> None:
        with self.condition:
            self.received.append((body, headers))
            self.condition.notify_all()

    def wait_for(self, event_type: str, *, customer: str, count: int = 1, timeout: float = 15):
        """The first `count` deliveries of `event_type` about `customer`, in arrival order."""

        def matching():
            found = []
            for body, headers in self.received:
                event = json.loads(body)
                data = event["data"]["object"]
                if event["type"] == event_type and customer in (data.get("customer"), data["id"]):
                    found.append((body, headers))
            return found

        with self.condition:
            assert self.condition.wait_for(lambda: len(matching()) >= count, timeout), (
                f"no {event_type} for {customer} within {timeout} s"
            )
            return matching()[:count]


@pytest.fixture(scope="session")
def localstripe():
    """localstripe on a free loopback port, its webhooks sent to a receiver in this process."""
    port = free_port()
    process = localstripe_start(port=port)
    deliveries = Deliveries()

    class Receiver(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            deliveries.add(body, {key.lower(): value for key, value in self.headers.items()})
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    receiver = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    thread = threading.Thread(target=receiver.serve_forever, daemon=True)
    thread.start()
    try:
        localstripe_send_webhooks(
            api_base=f"http://127.0.0.1:{port}",
            url=f"http://127.0.0.1:{receiver.server_address[1]}/",
            secret=WEBHOOK_SECRET,
        )
        yield {"api_base": f"http://127.0.0.1:{port}", "deliveries": deliveries}
    finally:
        receiver.shutdown()
        receiver.server_close()
        thread.join(timeout=10)
        assert not thread.is_alive()
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def stripe_on(settings, localstripe):
    """Billing on, against localstripe (subscriptions made directly, no Checkout)."""
    settings.STRIPE_SECRET_KEY = "sk_test_dugnad"
    settings.STRIPE_API_BASE = localstripe["api_base"]
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    settings.STRIPE_USE_CHECKOUT = False
    return localstripe["deliveries"]


class HostedPagesBoundary(HTTPClient):
    """Stripe's HTTP boundary with Checkout and the customer portal answered here (localstripe
    has neither); every other request goes to the real client."""

    name = "dugnad-test"

    def __init__(self, real: HTTPClient):
        super().__init__()
        self.real = real
        self.requests: list[tuple[str, dict]] = []

    def request(self, method, url, headers, post_data=None, *, _usage=None):
        path = urlsplit(url).path
        if path in ("/v1/checkout/sessions", "/v1/billing_portal/sessions"):
            form = {key: values[0] for key, values in parse_qs(post_data or "").items()}
            self.requests.append((path, form))
            kind = "checkout.session" if "checkout" in path else "billing_portal.session"
            session_id = f"cs_test_{len(self.requests)}"
            body = {
                "id": session_id,
                "object": kind,
                "url": f"https://stripe.example/{kind}/{session_id}",
                "customer": form.get("customer"),
            }
            return json.dumps(body), 200, {}
        return self.real.request(method, url, headers, post_data)

    def close(self):
        self.real.close()


@pytest.fixture
def hosted_pages(settings, stripe_on):
    """Real Stripe's way (Checkout, portal), everything else still against localstripe."""
    settings.STRIPE_USE_CHECKOUT = True
    boundary = HostedPagesBoundary(new_default_http_client())
    previous = stripe.default_http_client
    stripe.default_http_client = boundary
    try:
        yield boundary
    finally:
        stripe.default_http_client = previous
