from __future__ import annotations

import asyncio
import contextlib
import json
from typing import Any

import websockets
from lodging_helpers import CHECK_IN, CHECK_OUT, CLEAN, MODULES, book, hotel, registry

SUBSCRIPTION = "subscription { roomStatusChanged { room { id number status } } }"


async def _next_event(ws: Any, wait: float) -> dict[str, Any] | None:
    try:
        message = json.loads(await asyncio.wait_for(ws.recv(), wait))
    except TimeoutError:
        return None
    assert message["type"] == "next", message
    return message["payload"]["data"]["roomStatusChanged"]["room"]


async def test_checkout_makes_the_room_dirty_and_subscribers_hear_it(sportello_app) -> None:
    async with sportello_app(MODULES, live=True) as h:
        setup = await hotel(h, rooms=2)
        room_id = setup["rooms"][0]["id"]
        other_room = setup["rooms"][1]["id"]
        rid = (await book(h, room_id, 0, 1))["reservation"]["id"]
        # Housekeeping staff watch the rooms and clean them; the front desk checks guests in.
        token = await h.token(roles=["housekeeping"])
        desk = await h.token(roles=["front_desk"])
        url = h.base_url.replace("http://", "ws://") + "/graphql"
        async with websockets.connect(url, subprotocols=["graphql-transport-ws"]) as ws:
            await ws.send(
                json.dumps(
                    {"type": "connection_init", "payload": {"authorization": f"Bearer {token}"}}
                )
            )
            assert json.loads(await ws.recv())["type"] == "connection_ack"
            await ws.send(
                json.dumps({"id": "1", "type": "subscribe", "payload": {"query": SUBSCRIPTION}})
            )
            # The server registers the subscription asynchronously: poke housekeeping on
            # another room until the first change arrives, then the stream is live.
            seen = None
            for state in ["INSPECTED", "DIRTY"] * 20:
                await h.ok(CLEAN, {"i": {"id": other_room, "cleanliness": state}}, token=token)
                seen = await _next_event(ws, 0.5)
                if seen:
                    break
            assert seen and seen["id"] == other_room
            while await _next_event(ws, 0.2):  # drain the pokes
                pass

            checked = await h.ok(CHECK_IN, {"i": {"id": rid, "guests": registry(1)}}, token=desk)
            assert checked["reservationCheckIn"]["reservation"]["status"] == "CHECKED_IN"
            event = await _next_event(ws, 10)
            assert event == {"id": room_id, "number": "100", "status": "OCCUPIED_CLEAN"}

            out = await h.ok(CHECK_OUT, {"i": {"id": rid, "allowUnpaid": True}}, as_="manager")
            assert out["reservationCheckOut"]["reservation"]["status"] == "CHECKED_OUT"
            event = await _next_event(ws, 10)
            assert event == {"id": room_id, "number": "100", "status": "VACANT_DIRTY"}

            await h.ok(CLEAN, {"i": {"id": room_id, "cleanliness": "CLEAN"}}, token=token)
            event = await _next_event(ws, 10)
            assert event == {"id": room_id, "number": "100", "status": "VACANT_CLEAN"}
            await ws.send(json.dumps({"id": "1", "type": "complete"}))


async def test_subscription_is_scoped_to_sites(sportello_app) -> None:
    """In process: a user of another site is not told about this hotel's rooms."""
    async with sportello_app(MODULES) as h:
        setup = await hotel(h, rooms=1)
        room_id = setup["rooms"][0]["id"]
        from sportello.graphql.context import Context
        from sportello.services import Actor

        def context(sites: frozenset[int] | None) -> Context:
            actor = Actor(
                kind="user",
                permissions=frozenset({"lodging.rooms.view"}),
                site_ids=sites,
                user_id=1,
            )
            return Context(
                runtime=h.runtime, request=None, response=None, actor=actor, request_id="t"
            )  # type: ignore[arg-type]

        outsider = await h.runtime.schema.subscribe(
            SUBSCRIPTION, context_value=context(frozenset({999}))
        )
        insider = await h.runtime.schema.subscribe(SUBSCRIPTION, context_value=context(None))
        outsider_next = asyncio.ensure_future(outsider.__anext__())
        insider_next = asyncio.ensure_future(insider.__anext__())
        await asyncio.sleep(0)  # let both generators register with the bus
        await asyncio.sleep(0)
        await h.ok(CLEAN, {"i": {"id": room_id, "cleanliness": "DIRTY"}}, as_="front_desk")
        result = await asyncio.wait_for(insider_next, 10)
        assert result.data["roomStatusChanged"]["room"]["status"] == "VACANT_DIRTY"
        assert not outsider_next.done()
        outsider_next.cancel()
        with contextlib.suppress(asyncio.CancelledError, StopAsyncIteration):
            await outsider_next
        await outsider.aclose()
        await insider.aclose()


async def test_housekeeping_role_sees_rooms_not_guests(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        setup = await hotel(h, rooms=1)
        room_id = setup["rooms"][0]["id"]
        rid = (await book(h, room_id, 0, 1))["reservation"]["id"]
        token = await h.token(roles=["housekeeping"])
        rooms = await h.ok(
            "{ rooms(first: 5) { edges { node { id number status roomType { name } } } } }",
            token=token,
        )
        assert [e["node"]["id"] for e in rooms["rooms"]["edges"]] == [room_id]
        node = await h.ok(
            "query($id: ID!) { node(id: $id) { ... on Room { number status } } }",
            {"id": room_id},
            token=token,
        )
        assert node["node"] == {"number": "100", "status": "VACANT_CLEAN"}
        cleaned = await h.ok(CLEAN, {"i": {"id": room_id, "cleanliness": "DIRTY"}}, token=token)
        assert cleaned["roomCleanlinessSet"]["room"]["status"] == "VACANT_DIRTY"
        # Nothing about guests: reservations, their nodes, the rack and bookings are refused.
        for query, variables in (
            ("{ reservations(first: 5) { edges { node { id } } } }", {}),
            ("{ lodgingInHouse(first: 5) { edges { node { id } } } }", {}),
            ("query($id: ID!) { node(id: $id) { id } }", {"id": rid}),
            (
                'query($s: ID!) { roomRack(siteId: $s, from: "2026-01-01", days: 1) {'
                " edges { node { cells { date } } } } }",
                {"s": setup["site"]["id"]},
            ),
        ):
            denied = await h.gql(query, variables, token=token)
            assert denied["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED", query
        booking = await h.gql(
            "mutation($i: ReservationCheckInInput!) { reservationCheckIn(input: $i) {"
            " errors { code } } }",
            {"i": {"id": rid}},
            token=token,
        )
        assert booking["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"
        # The back office reads rooms but does not clean them.
        office = await h.gql(
            CLEAN, {"i": {"id": room_id, "cleanliness": "CLEAN"}}, as_="back_office"
        )
        assert office["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"
