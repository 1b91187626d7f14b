"""Events, deliveries, replays and webhooks show only what the actor may see: its sites,
and event types whose permission it holds."""

from __future__ import annotations

import json

import evplugin
from evhelpers import LOCAL_RECEIVERS, Receiver, emit, eventually, fast, serve

from sportello.events.models import EventDelivery

PLUGINS = [evplugin]
EVENTS = "query { events(first: 20) { edges { node { id name siteId payload } } } }"
DELIVERIES = """query { eventDeliveries(first: 50) {
  edges { node { id handler event { id name siteId payload } } } } }"""
NODE = """query($id: ID!) { node(id: $id) {
  ... on EventDelivery { handler } ... on Event { name } } }"""
REPLAY = """mutation($input: EventReplayInput!) { eventReplay(input: $input) {
  deliveries { status } errors { field code } } }"""
CREATE_HOOK = """mutation($input: WebhookEndpointCreateInput!) {
  webhookEndpointCreate(input: $input) { webhookEndpoint { id } errors { field code } } }"""


async def _node(h, gid: str, **who) -> dict | None:
    """The node, or None when it is hidden (``node`` is non-null: hidden means an error and
    no data at all)."""
    res = await h.gql(NODE, {"id": gid}, **who)
    if res.get("errors"):
        assert res.get("data") is None, res
        return None
    return res["data"]["node"]


def _nodes(data: dict, field: str) -> list[dict]:
    return [e["node"] for e in data[field]["edges"]]


async def _settled(count: int):
    return await EventDelivery.filter(status__in=["delivered", "parked"]).count() >= count


async def test_site_bound_auditor_sees_only_its_sites_events_and_deliveries(sportello_app):
    evplugin.reset()
    async with sportello_app(["evtest"], PLUGINS) as h:
        fast(h.runtime)
        await emit("evtest.thing.happened", {"n": "one"}, "thing:1", site_id=1)
        await emit("evtest.thing.happened", {"n": "two"}, "thing:2", site_id=2)
        await emit("evtest.doomed", {"n": "two"}, "doom:2", site_id=2)
        await emit("evtest.thing.happened", {"n": "none"}, "thing:0")
        await eventually(lambda: _settled(7))

        token = await h.token(roles=["auditor"], sites=[1])
        events = _nodes(await h.ok(EVENTS, token=token), "events")
        assert [e["payload"]["n"] for e in events] == ["one"]
        deliveries = _nodes(await h.ok(DELIVERIES, token=token), "eventDeliveries")
        assert sorted(d["handler"] for d in deliveries) == ["evtest.flaky", "evtest.steady"]
        assert {d["event"]["payload"]["n"] for d in deliveries} == {"one"}

        # everything, for an auditor of every site
        everyone = _nodes(await h.ok(DELIVERIES, as_="auditor"), "eventDeliveries")
        assert len(everyone) == 7
        other = next(d for d in everyone if d["event"]["payload"]["n"] == "two")
        other_event = other["event"]["id"]

        # node(id:) of another site's delivery or event: null
        for gid in (other["id"], other_event):
            assert await _node(h, gid, token=token) is None
            assert await _node(h, gid, as_="auditor") is not None


async def test_replay_is_limited_to_the_actors_sites(sportello_app):
    evplugin.reset()
    async with sportello_app(["evtest"], PLUGINS) as h:
        fast(h.runtime)
        await emit("evtest.doomed", {"site": 1}, "doom:1", site_id=1)
        await emit("evtest.doomed", {"site": 2}, "doom:2", site_id=2)

        async def parked():
            return await EventDelivery.filter(status="parked").count() == 2

        await eventually(parked)
        rows = _nodes(await h.ok(DELIVERIES), "eventDeliveries")
        site1 = await h.token(roles=["admin"], sites=[1])
        mine, theirs = sorted(rows, key=lambda r: r["event"]["payload"].get("site"))

        refused = await h.ok(REPLAY, {"input": {"id": theirs["id"]}}, token=site1)
        assert refused["eventReplay"]["errors"] == [{"field": "id", "code": "NOT_FOUND"}]
        refused = await h.ok(REPLAY, {"input": {"id": theirs["event"]["id"]}}, token=site1)
        assert refused["eventReplay"]["errors"] == [{"field": "id", "code": "NOT_FOUND"}]
        done = await h.ok(REPLAY, {"input": {"id": mine["id"]}}, token=site1)
        assert done["eventReplay"] == {"deliveries": [{"status": "pending"}], "errors": []}


async def test_event_type_permission_applies_to_lists_nodes_and_replay(sportello_app):
    evplugin.reset()
    async with sportello_app(["evtest"], PLUGINS) as h:
        fast(h.runtime)
        await emit("evtest.secret", {"n": "hush"}, "secret:1")
        await emit("evtest.thing.happened", {"n": "open"}, "thing:1")
        await eventually(lambda: _settled(2))

        keeper = await h.token(roles=["auditor", "secret_keeper"])
        names = {e["name"] for e in _nodes(await h.ok(EVENTS, token=keeper), "events")}
        assert names == {"evtest.secret", "evtest.thing.happened"}
        secret_id = next(
            e["id"] for e in _nodes(await h.ok(EVENTS, token=keeper), "events")
            if e["name"] == "evtest.secret"
        )  # fmt: skip

        events = _nodes(await h.ok(EVENTS, as_="auditor"), "events")
        assert [e["name"] for e in events] == ["evtest.thing.happened"]
        assert await _node(h, secret_id, as_="auditor") is None
        assert await _node(h, secret_id, token=keeper) == {"name": "evtest.secret"}

        # a replayer without the event's permission cannot find it
        manager = await h.token(roles=["auditor", "replayer"])
        res = await h.ok(REPLAY, {"input": {"id": secret_id}}, token=manager)
        assert res["eventReplay"]["errors"] == [{"field": "id", "code": "NOT_FOUND"}]


async def test_webhook_gets_only_what_its_creator_may_see(sportello_app):
    """An integrator without evtest.secret.view, bound to site 1: a '*' endpoint gets site 1's
    open events only; naming the secret type is refused."""
    evplugin.reset()
    receiver = Receiver()
    port, server, task = await serve(receiver)
    try:
        async with sportello_app(["evtest"], PLUGINS, webhooks=LOCAL_RECEIVERS) as h:
            fast(h.runtime)
            integrator = await h.token(roles=["integrator"], sites=[1])
            url = f"http://127.0.0.1:{port}/hook"
            res = await h.ok(
                CREATE_HOOK, {"input": {"url": url, "events": ["evtest.secret"]}}, token=integrator
            )
            assert res["webhookEndpointCreate"]["errors"] == [
                {"field": "events", "code": "EVENT_FORBIDDEN"}
            ]
            res = await h.ok(
                CREATE_HOOK, {"input": {"url": url, "events": ["*"]}}, token=integrator
            )
            assert res["webhookEndpointCreate"]["errors"] == []

            await emit("evtest.secret", {"n": "hush"}, "secret:1", site_id=1)
            await emit("evtest.thing.happened", {"n": "site2"}, "thing:2", site_id=2)
            await emit("evtest.thing.happened", {"n": "site1"}, "thing:1", site_id=1)
            last = await emit("evtest.doomed", {"n": "last"}, "doom:1", site_id=1)

            async def delivered_all():
                return (
                    await EventDelivery.filter(
                        handler__startswith="webhook:", status="delivered"
                    ).count()
                    == 2
                    and len(receiver.requests) == 2
                )

            await eventually(delivered_all)
            got = {json.loads(b)["payload"]["n"] for _, b in receiver.requests}
            assert got == {"site1", "last"}  # (two aggregates: in either order)
            assert last.id in {json.loads(b)["id"] for _, b in receiver.requests}
            hooks = await EventDelivery.filter(handler__startswith="webhook:").count()
            assert hooks == 2  # no delivery row was even created for the others
    finally:
        server.should_exit = True
        await task
