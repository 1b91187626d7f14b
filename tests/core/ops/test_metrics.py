"""``/metrics``: per-operation counters with bounded labels, refused without the token, the
database's figures read at scrape time, webhook outcomes and running subscriptions."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from typing import Any

import opsprobe
import pytest
from opshelpers import samples, value

from sportello.errors import ConfigError
from sportello.events import publish
from sportello.events.models import EventDelivery, OutboxEvent, WebhookEndpoint
from sportello.identity.models import LoginThrottle
from sportello.services import atomic
from sportello.settings import load_settings

TOKEN = "scrape-me-0123456789abcdef"
METRICS = {"enabled": True, "token": TOKEN}
AUTH = {"authorization": f"Bearer {TOKEN}"}
OPS = "sportello_graphql_operations_total"


async def scrape(h: Any) -> dict[Any, float]:
    response = await h.client.get("/metrics", headers=AUTH)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/plain")
    return samples(response.text)


async def test_operations_are_counted_per_name_with_their_latency_sql_and_errors(
    sportello_app,
) -> None:
    auth = {"login_free_attempts": 1}  # one failure blocks the next attempt for a second
    async with sportello_app(["opsprobe"], [opsprobe], metrics=METRICS, auth=auth) as h:
        for _ in range(3):
            await h.client.post("/graphql", json={"query": "query Ping { __typename }"})
        await h.client.post("/graphql", json={"query": "query Count { threeStatements }"})
        await h.client.post("/graphql", json={"query": "{ __typename }"})  # anonymous
        await h.client.post("/graphql", json={"query": "query Explode { boom }"})
        login = """mutation LogIn { tokenCreate(input: {email: "nobody@example.org",
                   password: "wrong-password"}) { accessToken errors { code } } }"""
        for _ in range(2):
            await h.client.post("/graphql", json={"query": login})
        await h.client.post("/graphql", content=b"{", headers={"content-type": "application/json"})
        found = await scrape(h)

    assert value(found, OPS, operation="Ping", type="query", outcome="ok") == 3
    assert value(found, OPS, operation="(other)", type="query", outcome="ok") == 1
    assert value(found, OPS, operation="Explode", type="query", outcome="failed") == 1
    assert value(found, OPS, operation="LogIn", type="mutation", outcome="rejected") == 2
    assert value(found, OPS, operation="(none)", type="none", outcome="error") == 1
    latency = "sportello_graphql_operation_duration_seconds_count"
    assert value(found, latency, operation="Ping", type="query") == 3
    sql = "sportello_graphql_sql_statements_sum"
    assert value(found, sql, operation="Count", type="query") == 3
    assert value(found, sql, operation="Ping", type="query") == 0
    errors = "sportello_graphql_errors_total"
    assert value(found, errors, code="INTERNAL_SERVER_ERROR", kind="graphql") == 1
    assert value(found, errors, code="INVALID_CREDENTIALS", kind="payload") == 1
    assert value(found, errors, code="BAD_REQUEST", kind="request") == 1
    assert value(found, errors, code="THROTTLED", kind="payload") == 1
    assert value(found, "sportello_logins_total", outcome="invalid_credentials") == 1
    assert value(found, "sportello_logins_total", outcome="throttled") == 1
    assert value(found, "sportello_database_up") == 1
    assert value(found, "process_cpu_seconds_total") is not None


async def test_operation_names_beyond_the_cap_share_one_label_value(sportello_app) -> None:
    metrics = {**METRICS, "max_operation_names": 3}
    async with sportello_app(metrics=metrics) as h:
        for n in range(10):
            await h.client.post("/graphql", json={"query": f"query Name{n} {{ __typename }}"})
        await h.client.post("/graphql", json={"query": "query Name0 { __typename }"})
        found = await scrape(h)

    names = {dict(labels)["operation"] for (name, labels), _ in found.items() if name == OPS}
    assert names == {"Name0", "Name1", "Name2", "(other)"}
    assert value(found, OPS, operation="Name0", type="query", outcome="ok") == 2
    assert value(found, OPS, operation="(other)", type="query", outcome="ok") == 7


async def test_metrics_are_refused_without_the_token(sportello_app) -> None:
    async with sportello_app(metrics=METRICS) as h:
        missing = await h.client.get("/metrics")
        wrong = await h.client.get("/metrics", headers={"authorization": "Bearer nope"})
        basic = await h.client.get("/metrics", headers={"authorization": f"Basic {TOKEN}"})
        right = await h.client.get("/metrics", headers=AUTH)
    for refused in (missing, wrong, basic):
        assert refused.status_code == 401
        assert refused.headers["www-authenticate"].startswith("Bearer")
        assert "sportello_" not in refused.text
    assert right.status_code == 200 and "sportello_graphql_operations" in right.text

    async with sportello_app() as h:  # the default: no /metrics at all
        assert (await h.client.get("/metrics", headers=AUTH)).status_code == 404
    async with sportello_app(metrics={"enabled": True, "require_token": False}) as h:
        assert (await h.client.get("/metrics")).status_code == 200


def test_enabling_metrics_without_a_token_is_a_configuration_error(tmp_path, monkeypatch) -> None:
    config = tmp_path / "metrics.toml"
    config.write_text("[metrics]\nenabled = true\n")
    with pytest.raises(ConfigError, match="metrics.token"):
        load_settings(config)
    config.write_text('[metrics]\nenabled = true\ntoken = "short"\n')
    with pytest.raises(ConfigError, match="metrics.token"):
        load_settings(config)
    monkeypatch.setenv("SPORTELLO_METRICS__TOKEN", TOKEN)
    config.write_text("[metrics]\nenabled = true\n")
    assert load_settings(config).metrics.token.get_secret_value() == TOKEN


async def test_the_backlog_and_login_throttle_are_read_at_scrape_time(sportello_app) -> None:
    async with sportello_app(metrics=METRICS) as h:
        found = await scrape(h)
        assert value(found, "sportello_event_deliveries", status="pending") == 0
        assert value(found, "sportello_events_oldest_pending_age_seconds") == 0
        event = await OutboxEvent.create(
            name="gone.office.event", aggregate="a:1", dispatched_at=dt.datetime.now(dt.UTC)
        )
        old = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5)
        await OutboxEvent.filter(id=event.id).update(occurred_at=old)
        # A handler of an office that is off: its deliveries wait, pending.
        await EventDelivery.create(event_id=event.id, handler="gone.handler", aggregate="a:1")
        await EventDelivery.create(
            event_id=event.id, handler="gone.other", aggregate="a:1", status="parked"
        )
        soon = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=10)
        await LoginThrottle.create(key="ip:192.0.2.1", failures=50, blocked_until=soon)
        found = await scrape(h)

    assert value(found, "sportello_event_deliveries", status="pending") == 1
    assert value(found, "sportello_event_deliveries", status="parked") == 1
    age = value(found, "sportello_events_oldest_pending_age_seconds")
    assert age is not None and 290 < age < 600
    assert value(found, "sportello_login_throttle_blocked") == 1


async def test_webhook_deliveries_are_counted_by_outcome(sportello_app) -> None:
    async with sportello_app(["opsprobe"], [opsprobe], metrics=METRICS) as h:
        # Written directly, as if registered before the allow list changed: loopback is refused
        # at delivery.
        await WebhookEndpoint.create(url="https://127.0.0.1/hook", events=["*"], secret="s")
        async with atomic():
            await publish("opsprobe.pinged", {}, aggregate="ping:1")
        h._wake_events()
        for _ in range(400):
            found = await scrape(h)
            if value(found, "sportello_webhook_deliveries_total", outcome="BLOCKED_ADDRESS"):
                break
            await asyncio.sleep(0.05)
        assert value(found, "sportello_webhook_deliveries_total", outcome="BLOCKED_ADDRESS") == 1


async def test_running_subscriptions_are_counted_and_logged_when_they_end(
    sportello_app, log_lines
) -> None:
    import websockets

    async with sportello_app(["opsprobe"], [opsprobe], live=True, metrics=METRICS) as h:
        url = h.base_url.replace("http://", "ws://") + "/graphql"
        async with websockets.connect(url, subprotocols=["graphql-transport-ws"]) as ws:
            await ws.send(json.dumps({"type": "connection_init", "payload": {}}))
            assert json.loads(await ws.recv())["type"] == "connection_ack"
            start = {"query": "subscription Ticks { ticks }"}
            await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": start}))
            assert json.loads(await ws.recv())["payload"] == {"data": {"ticks": 0}}
            found = await scrape(h)
            assert value(found, "sportello_graphql_subscriptions_open") == 1
            await ws.send(json.dumps({"id": "1", "type": "complete"}))
            for _ in range(200):
                found = await scrape(h)
                if value(found, "sportello_graphql_subscriptions_open") == 0:
                    break
                await asyncio.sleep(0.02)
            assert value(found, "sportello_graphql_subscriptions_open") == 0
    assert value(found, OPS, operation="Ticks", type="subscription", outcome="ok") == 1
    [line] = [line for line in log_lines.all() if line.get("operation") == "Ticks"]
    assert line["event"] == "operation" and line["transport"] == "websocket"
    assert line["request_id"] and line["duration_ms"] > 0
