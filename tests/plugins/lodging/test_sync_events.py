"""What a channel manager syncs from: lodging.reservation.created, .changed and .cancelled,
published through the outbox in the transaction of the change, with the channel, its booking
id, the room type, the dates and the rate plan."""

from __future__ import annotations

from typing import Any

from lodging_helpers import CANCEL, CONFIRM, CREATE, DATES, MODULES, MOVE, NO_SHOW, day, hotel
from strawberry import relay
from test_rates import setup

CREATED, CHANGED, CANCELLED = (
    "lodging.reservation.created",
    "lodging.reservation.changed",
    "lodging.reservation.cancelled",
)


def _pk(gid: str) -> int:
    return int(relay.GlobalID.from_id(gid).node_id)


async def _events(rid: str) -> list[tuple[str, dict[str, Any]]]:
    from sportello.events.models import OutboxEvent

    rows = await OutboxEvent.filter(
        aggregate=f"reservation:{_pk(rid)}", name__startswith="lodging.reservation."
    ).order_by("id")
    return [(r.name, r.payload) for r in rows]


async def test_created_changed_and_cancelled_carry_what_a_channel_manager_needs(
    sportello_app,
) -> None:
    async with sportello_app(MODULES) as h:
        s = await setup(h)
        data = await h.ok(
            CREATE,
            {
                "i": {
                    "roomTypeId": s["rt"],
                    "guest": {"fullName": "Hanna Schmidt"},
                    "arrival": day(10),
                    "departure": day(12),
                    "ratePlanId": s["plans"]["FLEX"]["id"],
                    "channel": "booking.com",
                    "channelBookingId": "BDC-77120",
                    "status": "DRAFT",
                    "adults": 2,
                }
            },
            as_="front_desk",
        )
        rid = data["reservationCreate"]["reservation"]["id"]
        [(name, created)] = await _events(rid)
        assert name == CREATED
        assert created["reservation_id"] == _pk(rid)
        assert created["reference"] == f"R-{_pk(rid):06d}"
        assert created["status"] == "draft"
        assert (created["channel"], created["channel_booking_id"]) == ("booking.com", "BDC-77120")
        assert (created["room_type_id"], created["room_type_code"]) == (_pk(s["rt"]), "DBL")
        assert (created["arrival"], created["departure"]) == (day(10), day(12))
        assert created["rate_plan_id"] == _pk(s["plans"]["FLEX"]["id"])
        assert created["rate_plan_code"] == "FLEX"
        assert created["by_room_type"] is True and created["adults"] == 2
        assert created["currency"] == "EUR" and created["rate"]

        await h.ok(CONFIRM, {"i": {"id": rid}}, as_="front_desk")
        await h.ok(DATES, {"i": {"id": rid, "departure": day(13)}}, as_="front_desk")
        other = next(r for r in s["rooms"] if _pk(r) != created["room_id"])
        await h.ok(MOVE, {"i": {"id": rid, "roomId": other}}, as_="front_desk")
        await h.ok(CANCEL, {"i": {"id": rid, "reason": "plans changed"}}, as_="front_desk")

        names = [n for n, _ in await _events(rid)]
        assert names == [CREATED, CHANGED, CHANGED, CHANGED, CANCELLED]
        _, confirmed, dates, moved, cancelled = [p for _, p in await _events(rid)]
        assert confirmed["changes"] == ["status"]
        assert (confirmed["previous_status"], confirmed["status"]) == ("draft", "confirmed")
        assert dates["changes"] == ["dates"]
        assert (dates["previous_departure"], dates["departure"]) == (day(12), day(13))
        assert dates["rate_plan_code"] == "FLEX" and dates["channel_booking_id"] == "BDC-77120"
        assert moved["changes"] == ["room"]
        assert moved["previous_room_id"] == created["room_id"]
        assert moved["room_id"] == _pk(other)
        assert cancelled["status"] == "cancelled" and cancelled["arrival"] == day(10)


async def test_a_no_show_is_a_status_change(sportello_app, monkeypatch) -> None:
    from lodging_helpers import travel

    async with sportello_app(MODULES) as h:
        room = (await hotel(h, rooms=1))["rooms"][0]["id"]
        data = await h.ok(
            CREATE,
            {
                "i": {
                    "roomId": room,
                    "guest": {"fullName": "Piet de Vries"},
                    "arrival": day(0),
                    "departure": day(1),
                }
            },
            as_="front_desk",
        )
        rid = data["reservationCreate"]["reservation"]["id"]
        travel(monkeypatch, 1)
        out = await h.ok(NO_SHOW, {"i": {"id": rid}}, as_="front_desk")
        assert out["reservationNoShow"]["errors"] == []
        [(_, changed)] = [e for e in await _events(rid) if e[0] == CHANGED]
        assert changed["changes"] == ["status"] and changed["status"] == "no_show"
        assert changed["channel"] == "direct" and changed["channel_booking_id"] is None


async def test_a_refused_booking_publishes_nothing(sportello_app) -> None:
    from sportello.events.models import OutboxEvent

    async with sportello_app(MODULES) as h:
        room = (await hotel(h, rooms=1))["rooms"][0]["id"]
        i = {"roomId": room, "guest": {"fullName": "Ada Byron"}, "arrival": day(3)}
        first = await h.ok(CREATE, {"i": {**i, "departure": day(5)}}, as_="front_desk")
        assert first["reservationCreate"]["errors"] == []
        again = await h.ok(CREATE, {"i": {**i, "departure": day(4)}}, as_="front_desk")
        assert again["reservationCreate"]["errors"][0]["code"] == "ROOM_UNAVAILABLE"
        assert await OutboxEvent.filter(name=CREATED).count() == 1
