from __future__ import annotations

import evplugin
from evhelpers import emit, eventually, fast

from sportello.events.models import EventDelivery

PLUGINS = [evplugin]
EVENTS = """query($name: String, $after: String) {
  events(first: 2, name: $name, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { node { id name aggregate payload siteId dispatchedAt
                   deliveries(limit: 5) { handler status attempts } } } } }"""


async def test_admin_lists_recent_events_and_their_deliveries(sportello_app):
    evplugin.reset()
    async with sportello_app(["evtest"], PLUGINS) as h:
        fast(h.runtime)
        for n in range(3):
            await emit("evtest.thing.happened", {"n": n}, f"thing:{n}", site_id=1)
        await emit("evtest.doomed", {}, "doom:9", site_id=2)

        async def settled():
            return await EventDelivery.filter(status="delivered").count() == 6

        await eventually(settled)
        data = await h.ok(EVENTS, {"name": "evtest.thing.happened"})
        page = data["events"]
        assert [e["node"]["payload"]["n"] for e in page["edges"]] == [2, 1]  # newest first
        assert page["pageInfo"]["hasNextPage"]
        node = page["edges"][0]["node"]
        assert node["dispatchedAt"] is not None
        assert sorted((d["handler"], d["status"]) for d in node["deliveries"]) == [
            ("evtest.flaky", "delivered"),
            ("evtest.steady", "delivered"),
        ]
        more = await h.ok(
            EVENTS, {"name": "evtest.thing.happened", "after": page["pageInfo"]["endCursor"]}
        )
        assert [e["node"]["payload"]["n"] for e in more["events"]["edges"]] == [0]

        # an auditor limited to site 2 sees only that site's events
        token = await h.token(roles=["auditor"], sites=[2])
        res = await h.ok(EVENTS, {}, token=token)
        assert [e["node"]["name"] for e in res["events"]["edges"]] == ["evtest.doomed"]

        res = await h.gql(EVENTS, {}, as_="front_desk")
        assert res["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"
