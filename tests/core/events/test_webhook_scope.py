"""Webhook endpoints belong to someone (issue: hardening, webhooks): a user bound to sites sees
and changes only endpoints within its sites, creates none wider than them, and an endpoint
delivers only what its owner may still read, checked at each delivery."""

from __future__ import annotations

import json
from typing import Any

import evplugin
from evhelpers import LOCAL_RECEIVERS, Receiver, emit, eventually, fast, serve
from strawberry import relay

from sportello.events.models import DeliveryAttempt, EventDelivery
from sportello.identity.models import User

PLUGINS = [evplugin]
SITE = "mutation($i: SiteCreateInput!) { siteCreate(input: $i) { site { id } errors { code } } }"
CREATE = """mutation($input: WebhookEndpointCreateInput!) {
  webhookEndpointCreate(input: $input) {
    webhookEndpoint { id url sites ownerId } errors { field code } } }"""
UPDATE = """mutation($input: WebhookEndpointUpdateInput!) {
  webhookEndpointUpdate(input: $input) { webhookEndpoint { id url sites } errors { field code } } }"""
DELETE = """mutation($input: WebhookEndpointDeleteInput!) {
  webhookEndpointDelete(input: $input) { deletedId errors { field code } } }"""
LIST = "{ webhookEndpoints(first: 50) { edges { node { id url sites } } } }"
NODE = "query($id: ID!) { node(id: $id) { id ... on WebhookEndpoint { url } } }"


async def _sites(h: Any, n: int) -> list[tuple[str, int]]:
    out = []
    for i in range(n):
        data = await h.ok(
            SITE, {"i": {"name": f"Hotel {i}", "code": f"h{i}", "timezone": "Europe/Rome"}}
        )
        gid = data["siteCreate"]["site"]["id"]
        out.append((gid, int(relay.GlobalID.from_id(gid).node_id)))
    return out


def _ids(data: dict[str, Any]) -> set[str]:
    return {e["node"]["id"] for e in data["webhookEndpoints"]["edges"]}


async def test_a_site_bound_user_sees_and_changes_only_endpoints_within_its_sites(
    sportello_app,
) -> None:
    async with sportello_app(["evtest"], PLUGINS, webhooks=LOCAL_RECEIVERS) as h:
        (rome, rome_pk), (milan, _) = await _sites(h, 2)
        hook = {"url": "http://127.0.0.1:9/all", "events": ["*"]}
        everything = (await h.ok(CREATE, {"input": hook}))["webhookEndpointCreate"]
        assert everything["errors"] == [] and everything["webhookEndpoint"]["sites"] is None
        admin_all = everything["webhookEndpoint"]["id"]
        data = await h.ok(CREATE, {"input": {**hook, "siteIds": [milan]}})
        admin_milan = data["webhookEndpointCreate"]["webhookEndpoint"]["id"]

        integrator = await h.token(roles=["integrator"], sites=[rome_pk])
        # Creating: its own sites by default, never wider.
        own = await h.ok(
            CREATE, {"input": {**hook, "url": "http://127.0.0.1:9/r"}}, token=integrator
        )
        mine = own["webhookEndpointCreate"]["webhookEndpoint"]
        assert mine["sites"] == [rome]
        assert mine["ownerId"] is not None
        wider = await h.ok(CREATE, {"input": {**hook, "siteIds": [rome, milan]}}, token=integrator)
        assert wider["webhookEndpointCreate"]["errors"] == [
            {"field": "siteIds", "code": "FORBIDDEN"}
        ]

        # Reading: its own endpoint only, in the list and by id.
        assert _ids(await h.ok(LIST, token=integrator)) == {mine["id"]}
        for hidden in (admin_all, admin_milan):
            assert (await h.ok(NODE, {"id": hidden}, token=integrator))["node"] is None
        assert _ids(await h.ok(LIST)) == {admin_all, admin_milan, mine["id"]}

        # Changing: the admin's endpoints are not found; its own one changes, within its sites.
        steal = {"id": admin_all, "url": "http://127.0.0.1:9/attacker"}
        res = await h.ok(UPDATE, {"input": steal}, token=integrator)
        assert res["webhookEndpointUpdate"]["errors"] == [{"field": "id", "code": "NOT_FOUND"}]
        res = await h.ok(DELETE, {"input": {"id": admin_milan}}, token=integrator)
        assert res["webhookEndpointDelete"]["errors"] == [{"field": "id", "code": "NOT_FOUND"}]
        res = await h.ok(
            UPDATE, {"input": {"id": mine["id"], "siteIds": [milan]}}, token=integrator
        )
        assert res["webhookEndpointUpdate"]["errors"] == [{"field": "siteIds", "code": "FORBIDDEN"}]
        res = await h.ok(
            UPDATE,
            {"input": {"id": mine["id"], "url": "http://127.0.0.1:9/r2"}},
            token=integrator,
        )
        assert res["webhookEndpointUpdate"]["webhookEndpoint"]["url"].endswith("/r2")
        data = await h.ok(LIST)
        urls = {e["node"]["id"]: e["node"]["url"] for e in data["webhookEndpoints"]["edges"]}
        assert urls[admin_all] == "http://127.0.0.1:9/all"  # untouched
        # An administrator with every site narrows any endpoint.
        res = await h.ok(UPDATE, {"input": {"id": admin_all, "siteIds": [rome]}})
        assert res["webhookEndpointUpdate"]["webhookEndpoint"]["sites"] == [rome]
        assert admin_all in _ids(await h.ok(LIST, token=integrator))


async def _attempt_errors(handler: str) -> list[str | None]:
    deliveries = await EventDelivery.filter(handler=handler).values_list("id", flat=True)
    rows = await DeliveryAttempt.filter(delivery_id__in=list(deliveries)).values_list(
        "error", flat=True
    )
    return list(rows)


async def test_an_endpoint_delivers_only_what_its_owner_may_still_read(sportello_app) -> None:
    receiver = Receiver()
    port, server, task = await serve(receiver)
    try:
        async with sportello_app(["evtest"], PLUGINS, webhooks=LOCAL_RECEIVERS) as h:
            fast(h.runtime)
            (_, rome_pk), (_, milan_pk) = await _sites(h, 2)
            integrator = await h.token(
                roles=["integrator"], sites=[rome_pk, milan_pk], email="owner@test.example"
            )
            url = f"http://127.0.0.1:{port}/hook"
            data = await h.ok(CREATE, {"input": {"url": url, "events": ["*"]}}, token=integrator)
            endpoint = data["webhookEndpointCreate"]["webhookEndpoint"]
            handler = f"webhook:{relay.GlobalID.from_id(endpoint['id']).node_id}"

            await emit("evtest.thing.happened", {"n": "rome-1"}, "thing:1", site_id=rome_pk)
            await eventually(lambda: _received(receiver, 1))

            # The owner loses Milan and then the role: the endpoint's own scope is unchanged,
            # but what it delivers follows the owner's rights at delivery time.
            owner = await User.get(email="owner@test.example")
            res = await h.ok(
                "mutation($i: UserUpdateInput!) { userUpdate(input: $i) { errors { code } } }",
                {
                    "i": {
                        "id": str(relay.GlobalID("User", str(owner.id))),
                        "siteIds": [str(relay.GlobalID("Site", str(rome_pk)))],
                    }
                },
            )
            assert res["userUpdate"]["errors"] == []
            await emit("evtest.thing.happened", {"n": "milan-1"}, "thing:2", site_id=milan_pk)
            await emit("evtest.thing.happened", {"n": "rome-2"}, "thing:3", site_id=rome_pk)
            await eventually(lambda: _received(receiver, 2))
            await eventually(lambda: _settled(handler, 3))
            res = await h.ok(
                "mutation($i: UserUpdateInput!) { userUpdate(input: $i) { errors { code } } }",
                {"i": {"id": str(relay.GlobalID("User", str(owner.id))), "roles": ["auditor"]}},
            )
            assert res["userUpdate"]["errors"] == []
            await emit("evtest.thing.happened", {"n": "rome-3"}, "thing:4", site_id=rome_pk)
            await eventually(lambda: _settled(handler, 4))

            got = [json.loads(body)["payload"]["n"] for _, body in receiver.requests]
            assert sorted(got) == ["rome-1", "rome-2"]
            errors = await _attempt_errors(handler)
            assert errors.count("OWNER_FORBIDDEN") == 2
            parked = await EventDelivery.filter(handler=handler, status="parked").count()
            assert parked == 2  # not retried: the owner's rights will not come back by waiting
    finally:
        server.should_exit = True
        await task


async def _received(receiver: Receiver, n: int) -> bool:
    return len(receiver.requests) >= n


async def _settled(handler: str, n: int) -> bool:
    done = await EventDelivery.filter(handler=handler, status__in=["delivered", "parked"]).count()
    return done >= n
