"""No server-side request forgery through webhooks: private, loopback, link-local and other
non-public targets are refused at registration and again at every delivery (DNS may change),
the request goes to the address vetted, and the delivery log keeps an error class only."""

from __future__ import annotations

import asyncio
import ipaddress

import evplugin
import pytest
from evhelpers import LOCAL_RECEIVERS, Receiver, emit, eventually, fast, serve

from sportello.events.models import DeliveryAttempt, EventDelivery, WebhookEndpoint
from sportello.events.targets import is_public
from sportello.testing import free_port

PLUGINS = [evplugin]
#: The public address the public_dns fixture (conftest.py) resolves made-up names to.
PUBLIC = "93.184.215.14"
CREATE = """mutation($input: WebhookEndpointCreateInput!) {
  webhookEndpointCreate(input: $input) {
    webhookEndpoint { id url } errors { field code message } } }"""
UPDATE = """mutation($input: WebhookEndpointUpdateInput!) {
  webhookEndpointUpdate(input: $input) { webhookEndpoint { url } errors { field code } } }"""
ATTEMPTS = """query { eventDeliveries(first: 20) {
  edges { node { handler status lastError attemptLog { error statusCode } } } } }"""

BLOCKED = [
    "https://127.0.0.1/hook",
    "https://127.0.0.1:8443/hook",
    "https://169.254.169.254/latest/meta-data/",
    "https://10.0.0.1/hook",
    "https://172.16.5.4/hook",
    "https://192.168.1.1/hook",
    "https://100.64.0.1/hook",
    "https://[::1]/hook",
    "https://[fe80::1]/hook",
    "https://[fc00::1]/hook",
    "https://[::ffff:127.0.0.1]/hook",
    "https://[64:ff9b::a00:1]/hook",
    "https://0.0.0.0/hook",
    "https://[::]/hook",
    "https://224.0.0.1/hook",
    "https://240.0.0.1/hook",
    "https://255.255.255.255/hook",
    "https://2130706433/hook",
    "https://0x7f.1/hook",
    "https://127.1/hook",
    "https://localhost/hook",
    "https://LOCALHOST./hook",
]


async def _created(h, url: str, **kw) -> dict:
    res = await h.ok(CREATE, {"input": {"url": url, "events": ["*"]}}, **kw)
    return res["webhookEndpointCreate"]


async def test_registration_refuses_non_public_targets(sportello_app) -> None:
    """Literal addresses, numeric forms and names resolving to loopback (the real resolver:
    localhost), with debug off, as in production."""
    async with sportello_app(["evtest"], PLUGINS, debug=False) as h:
        for url in BLOCKED:
            created = await _created(h, url)
            assert created["webhookEndpoint"] is None, url
            assert [(e["field"], e["code"]) for e in created["errors"]] == [
                ("url", "BLOCKED_ADDRESS")
            ], url
            assert "private" in created["errors"][0]["message"]
        assert await WebhookEndpoint.all().count() == 0


async def test_names_are_vetted_by_what_they_resolve_to(sportello_app, public_dns) -> None:
    public_dns["rebind.example"] = ["127.0.0.1"]
    public_dns["mixed.example"] = [PUBLIC, "10.1.2.3"]  # every address must pass
    async with sportello_app(["evtest"], PLUGINS, debug=False) as h:
        for url, code in [
            ("https://rebind.example/hook", "BLOCKED_ADDRESS"),
            ("https://mixed.example/hook", "BLOCKED_ADDRESS"),
            ("https://nowhere.example/hook", "UNRESOLVABLE"),
            ("http://hooks.example/hook", "INSECURE_URL"),  # plain http: debug only
            ("https://user:pw@hooks.example/hook", "INVALID_URL"),
        ]:
            created = await _created(h, url)
            assert [e["code"] for e in created["errors"]] == [code], url
        created = await _created(h, "https://hooks.example/hook")
        assert created["errors"] == []
        # a change of URL is vetted as well
        res = await h.ok(
            UPDATE,
            {"input": {"id": created["webhookEndpoint"]["id"], "url": "https://10.0.0.1/x"}},
        )
        assert res["webhookEndpointUpdate"]["errors"] == [
            {"field": "url", "code": "BLOCKED_ADDRESS"}
        ]
        assert (await WebhookEndpoint.get()).url == "https://hooks.example/hook"
    async with sportello_app(["evtest"], PLUGINS, debug=True) as h:
        assert (await _created(h, "http://hooks.example/hook"))["errors"] == []


async def test_allow_list_admits_on_premises_receivers(sportello_app, public_dns) -> None:
    public_dns["erp.internal"] = ["10.20.0.5"]
    public_dns["other.internal"] = ["10.30.0.5"]
    allow = {"allow": ["192.168.10.0/24", "erp.internal", "fd00::/8"]}
    async with sportello_app(["evtest"], PLUGINS, debug=False, webhooks=allow) as h:
        for url in (
            "https://192.168.10.7/hook",
            "https://erp.internal/hook",
            "https://[fd00::7]/hook",
        ):
            assert (await _created(h, url))["errors"] == [], url
        for url in (
            "https://192.168.11.7/hook",
            "https://other.internal/hook",
            "https://127.0.0.1/hook",
        ):
            assert [e["code"] for e in (await _created(h, url))["errors"]] == ["BLOCKED_ADDRESS"], (
                url
            )


async def _attempt_errors(event_id: int) -> list[str] | None:
    d = await EventDelivery.filter(event_id=event_id, handler__startswith="webhook:").first()
    if d is None or d.attempts == 0:
        return None
    return [a.error for a in await DeliveryAttempt.filter(delivery_id=d.id)]


async def test_delivery_vets_again_and_connects_to_the_vetted_address(
    sportello_app, public_dns
) -> None:
    """The name resolved to an allowed address at registration; later it resolves to a
    blocked one: nothing reaches the receiver. While allowed, the request goes to the address
    vetted (the system resolver knows no such name) with the name as Host."""
    receiver = Receiver()
    port, server, task = await serve(receiver)
    public_dns["rebind.example"] = ["127.0.0.1"]
    allow = {"allow": ["127.0.0.1/32"]}
    try:
        async with sportello_app(["evtest"], PLUGINS, webhooks=allow) as h:
            fast(h.runtime, backoff_base=0.05, webhook_max_attempts=2)
            url = f"http://rebind.example:{port}/hook"
            assert (await _created(h, url))["errors"] == []
            first = await emit("evtest.thing.happened", {"n": 1}, "thing:1")
            await eventually(lambda: _count(receiver, 1))
            headers, _ = receiver.requests[0]
            assert headers["host"] == f"rebind.example:{port}"
            # The receiver has the request; the attempt is recorded once the delivery commits.
            assert await eventually(lambda: _attempt_errors(first.id)) == [None]

            public_dns["rebind.example"] = ["169.254.169.254"]  # not on the allow list
            second = await emit("evtest.thing.happened", {"n": 2}, "thing:2")
            errors = await eventually(lambda: _all_attempts(second.id, 2))
            assert errors == ["BLOCKED_ADDRESS", "BLOCKED_ADDRESS"]
            assert len(receiver.requests) == 1
    finally:
        server.should_exit = True
        await task


async def _count(receiver: Receiver, n: int) -> bool:
    return len(receiver.requests) >= n


async def _all_attempts(event_id: int, n: int) -> list[str] | None:
    errors = await _attempt_errors(event_id)
    return errors if errors is not None and len(errors) >= n else None


class Answering:
    """A receiver answering ``status`` after ``delay`` seconds."""

    def __init__(self, status: int, delay: float = 0.0) -> None:
        self.status = status
        self.delay = delay

    async def __call__(self, scope, receive, send):  # type: ignore[no-untyped-def]
        if scope["type"] == "lifespan":
            while True:
                msg = await receive()
                if msg["type"] == "lifespan.startup":
                    await send({"type": "lifespan.startup.complete"})
                else:
                    await send({"type": "lifespan.shutdown.complete"})
                    return
        while (await receive()).get("more_body"):
            pass
        await asyncio.sleep(self.delay)
        await send({"type": "http.response.start", "status": self.status, "headers": []})
        await send({"type": "http.response.body", "body": b"internal details here"})


async def test_delivery_log_keeps_error_classes_only(sportello_app) -> None:
    failing = await serve(Answering(503))
    slow = await serve(Answering(204, delay=5))
    plain = await serve(Answering(204))  # https to a plain-http server: a TLS failure
    dead = free_port()
    expected = {
        f"http://127.0.0.1:{failing[0]}/hook": "HTTP_5XX",
        f"http://127.0.0.1:{slow[0]}/hook": "TIMEOUT",
        f"https://localhost:{plain[0]}/hook": "TLS",
        f"http://localhost:{dead}/hook": "CONNECT_FAILED",
    }
    try:
        async with sportello_app(["evtest"], PLUGINS, webhooks=LOCAL_RECEIVERS) as h:
            fast(h.runtime, webhook_max_attempts=1, webhook_timeout=0.5)
            ids = {}
            for url in expected:
                ids[(await _created(h, url))["webhookEndpoint"]["id"]] = url
            event = await emit("evtest.thing.happened", {"n": 1}, "thing:1")

            async def settled():
                rows = await EventDelivery.filter(
                    event_id=event.id, handler__startswith="webhook:", status="parked"
                )
                return rows if len(rows) == len(expected) else None

            await eventually(settled)
            nodes = [
                e["node"]
                for e in (await h.ok(ATTEMPTS))["eventDeliveries"]["edges"]
                if e["node"]["handler"].startswith("webhook:")
            ]
            from sportello.graphql.ids import decode_id

            got = {}
            for node in nodes:
                endpoint = int(node["handler"].split(":", 1)[1])
                url = next(
                    u
                    for gid, u in ids.items()
                    if decode_id(gid, "WebhookEndpoint", "id") == endpoint
                )
                assert [a["error"] for a in node["attemptLog"]] == [node["lastError"]]
                got[url] = node["lastError"]
            assert got == expected
            assert [
                n["attemptLog"][0]["statusCode"] for n in nodes if n["lastError"] == "HTTP_5XX"
            ] == [503]
    finally:
        for _port, server, _task in (failing, slow, plain):
            server.should_exit = True
        for _port, _server, task in (failing, slow, plain):
            await task


@pytest.mark.parametrize(
    "address, public",
    [
        ("93.184.215.14", True),
        ("2606:4700::1111", True),
        ("127.0.0.1", False),
        ("10.1.1.1", False),
        ("169.254.169.254", False),
        ("100.64.0.1", False),
        ("224.0.0.251", False),
        ("239.255.255.250", False),
        ("ff02::1", False),
        ("::ffff:10.0.0.1", False),
        ("64:ff9b::7f00:1", False),
        ("2002:7f00:1::", False),
        ("2001:0:4136:e378:8000:63bf:80ff:fffe", False),  # Teredo carrying 127.0.0.1
        ("fe80::1", False),
        ("fc00::1", False),
        ("::", False),
    ],
)
def test_public_addresses(address: str, public: bool) -> None:
    assert is_public(ipaddress.ip_address(address)) is public
