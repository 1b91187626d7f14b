from __future__ import annotations

import datetime as dt
import json

import evplugin
from evhelpers import LOCAL_RECEIVERS, Receiver, emit, eventually, fast, serve

from sportello.events.bus import EventsConfig, backoff
from sportello.events.models import DeliveryAttempt, EventDelivery, WebhookEndpoint
from sportello.events.webhooks import verify
from sportello.testing import free_port

PLUGINS = [evplugin]
CREATE = """mutation($input: WebhookEndpointCreateInput!) {
  webhookEndpointCreate(input: $input) {
    webhookEndpoint { id url events enabled } secret errors { field code message } } }"""


async def test_receiver_gets_a_correctly_signed_delivery(sportello_app):
    receiver = Receiver()
    port, server, task = await serve(receiver)
    try:
        async with sportello_app(["evtest"], PLUGINS, webhooks=LOCAL_RECEIVERS) as h:
            fast(h.runtime)
            data = await h.ok(
                CREATE,
                {
                    "input": {
                        "url": f"http://127.0.0.1:{port}/hook",
                        "events": ["evtest.thing.happened"],
                        "description": "dev",
                    }
                },
            )
            created = data["webhookEndpointCreate"]
            assert created["errors"] == []
            secret = created["secret"]
            assert secret.startswith("whsec_")
            event = await emit("evtest.thing.happened", {"n": 42}, "thing:w", site_id=3)
            await eventually(lambda: _value(receiver.requests))
            headers, body = receiver.requests[0]
            assert verify(
                secret, headers["sportello-timestamp"], body, headers["sportello-signature"]
            )
            assert not verify(
                "whsec_wrong", headers["sportello-timestamp"], body, headers["sportello-signature"]
            )
            doc = json.loads(body)
            assert doc["id"] == event.id and doc["payload"] == {"n": 42} and doc["siteId"] == 3
            assert headers["sportello-idempotency-key"] == event.idempotency_key
            assert headers["sportello-event"] == "evtest.thing.happened"

            d = await eventually(lambda: _delivered(event.id))
            assert d.attempts == 1 and d.last_status_code == 204 and d.last_latency_ms >= 0
            # the secret is never readable again
            res = await h.gql("query { webhookEndpoints(first: 5) { edges { node { secret } } } }")
            assert res.get("errors")
    finally:
        server.should_exit = True
        await task


async def _value(v):
    return v


async def _delivered(event_id: int):
    d = await EventDelivery.filter(event_id=event_id, handler__startswith="webhook:").first()
    return d if d and d.status == "delivered" else None


async def test_down_receiver_is_retried_on_schedule_then_parked_and_disabled(sportello_app):
    dead_port = free_port()  # nothing listens here
    async with sportello_app(["evtest"], PLUGINS, webhooks=LOCAL_RECEIVERS) as h:
        fast(h.runtime, backoff_base=0.05, webhook_max_attempts=4, webhook_disable_after=6)
        data = await h.ok(
            CREATE,
            {"input": {"url": f"http://localhost:{dead_port}/hook", "events": ["*"]}},
        )
        assert data["webhookEndpointCreate"]["errors"] == []
        event = await emit("evtest.thing.happened", {"n": 1}, "thing:d")

        async def parked():
            d = await EventDelivery.filter(
                event_id=event.id, handler__startswith="webhook:"
            ).first()
            return d if d and d.status == "parked" else None

        d = await eventually(parked)
        # an error class, never the transport's message (a port-scan oracle)
        assert d.attempts == 4 and d.last_status_code is None and d.last_error == "CONNECT_FAILED"
        log = await DeliveryAttempt.filter(delivery_id=d.id).order_by("number")
        assert [a.number for a in log] == [1, 2, 3, 4] and not any(a.ok for a in log)
        # The log states the schedule: each retry falls due 0.05 s, 0.1 s, 0.2 s after the
        # attempt before it ended (base 0.05, doubling), and no retry starts before it is due.
        schedule = [
            a.retry_at - a.started_at - dt.timedelta(milliseconds=a.latency_ms) for a in log[:3]
        ]
        assert schedule == [dt.timedelta(milliseconds=ms) for ms in (50, 100, 200)]
        assert log[3].retry_at is None  # the last attempt parks it: no retry
        for before, after in zip(log, log[1:], strict=False):
            assert after.started_at >= before.retry_at

        # the delivery log is visible to admins through the API
        res = await h.ok(
            """query { eventDeliveries(first: 5, status: "parked") {
                 edges { node { handler attempts lastError lastStatusCode
                                attemptLog { number ok error retryAt } } } } }"""
        )
        node = res["eventDeliveries"]["edges"][0]["node"]
        assert node["handler"].startswith("webhook:") and node["attempts"] == 4
        assert [a["number"] for a in node["attemptLog"]] == [1, 2, 3, 4]
        assert [a["retryAt"] is not None for a in node["attemptLog"]] == [True] * 3 + [False]
        assert {a["error"] for a in node["attemptLog"]} == {"CONNECT_FAILED"}

        # keeps failing: disabled and flagged after webhook_disable_after failed attempts
        await emit("evtest.thing.happened", {"n": 2}, "thing:e")

        async def disabled():
            w = await WebhookEndpoint.first()
            return w if not w.enabled else None

        w = await eventually(disabled)
        assert w.failing and "consecutive failures" in w.disabled_reason
        res = await h.ok(
            "query { webhookEndpoints(first: 5) { edges { node { id enabled failing disabledReason } } } }"
        )
        node = res["webhookEndpoints"]["edges"][0]["node"]
        assert node["enabled"] is False and node["failing"] is True

        # an admin re-enables it
        res = await h.ok(
            """mutation($input: WebhookEndpointUpdateInput!) { webhookEndpointUpdate(input: $input) {
                 webhookEndpoint { enabled failing } errors { code } } }""",
            {"input": {"id": node["id"], "enabled": True}},
        )
        assert res["webhookEndpointUpdate"]["webhookEndpoint"] == {
            "enabled": True,
            "failing": False,
        }


def test_backoff_schedule_is_base_doubling_capped() -> None:
    config = EventsConfig(backoff_base=1.0, backoff_max=600.0)
    assert [backoff(config, n) for n in range(1, 12)] == [
        1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0, 128.0, 256.0, 512.0, 600.0,
    ]  # fmt: skip
    assert backoff(EventsConfig(backoff_base=0.05), 3) == 0.2


async def test_endpoint_rules(sportello_app, public_dns):
    async with sportello_app(["evtest"], PLUGINS, debug=False) as h:
        bad = [
            ("http://example.com/hook", ["evtest.thing.happened"], "INSECURE_URL"),
            ("ftp://example.com/hook", ["evtest.thing.happened"], "INVALID_URL"),
            ("https://example.com/hook", ["nope.never"], "UNKNOWN_EVENT"),
        ]
        for url, events, code in bad:
            data = await h.ok(CREATE, {"input": {"url": url, "events": events}})
            assert data["webhookEndpointCreate"]["errors"][0]["code"] == code, url
        data = await h.ok(
            CREATE, {"input": {"url": "https://example.com/hook", "events": ["evtest.doomed"]}}
        )
        assert data["webhookEndpointCreate"]["webhookEndpoint"]["url"] == "https://example.com/hook"
        res = await h.gql(
            CREATE, {"input": {"url": "https://x.example", "events": ["*"]}}, as_="front_desk"
        )
        assert res["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"
        gid = data["webhookEndpointCreate"]["webhookEndpoint"]["id"]
        res = await h.ok(
            """mutation($input: WebhookEndpointDeleteInput!) {
                 webhookEndpointDelete(input: $input) { deletedId errors { code } } }""",
            {"input": {"id": gid}},
        )
        assert res["webhookEndpointDelete"] == {"deletedId": gid, "errors": []}
        assert await WebhookEndpoint.all().count() == 0
