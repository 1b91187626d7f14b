from __future__ import annotations

from lodging_helpers import MODULES, TODAY


async def test_demo_hotel_is_realistic_and_idempotent(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        from sportello.demo import load_demo
        from sportello_lodging import models as m

        await load_demo(h.runtime)
        counts = (
            await m.Room.all().count(),
            await m.RoomType.all().count(),
            await m.Reservation.all().count(),
            await m.FolioLine.all().count(),
        )
        await load_demo(h.runtime)
        again = (
            await m.Room.all().count(),
            await m.RoomType.all().count(),
            await m.Reservation.all().count(),
            await m.FolioLine.all().count(),
        )
        assert counts == again
        # A tour group of four rooms, billed to the operator.
        from sportello_lodging import group_models as g

        [tour] = await g.ReservationGroup.all()
        assert (tour.billing, await g.ReservationGroupRoom.filter(group=tour).count()) == (
            "master",
            4,
        )
        assert counts[0] == 30 and counts[1] == 4 and counts[2] > 60
        assert set(await m.Room.all().values_list("floor", flat=True)) == {1, 2, 3}
        # Every stay has its segment and the demo respects the no-double-booking rule.
        assert await m.RoomStay.all().count() == counts[2]
        holding = await m.RoomStay.filter(holding=True).order_by("room_id", "start")
        for a, b in zip(holding, holding[1:], strict=False):
            if a.room_id == b.room_id:
                assert a.end <= b.start
        data = await h.ok(
            "query($d: Date!) { lodgingInHouse(first: 100) {"
            " edges { node { guestName registryComplete } } }"
            " lodgingArrivals(day: $d, first: 100) { edges { node { guestName status } } }"
            " rooms(first: 100) { edges { node { number status } } } }",
            {"d": TODAY.isoformat()},
            as_="front_desk",
        )
        assert data["lodgingInHouse"]["edges"]
        assert all(e["node"]["registryComplete"] for e in data["lodgingInHouse"]["edges"])
        statuses = {e["node"]["status"] for e in data["rooms"]["edges"]}
        assert "OCCUPIED_CLEAN" in statuses or "OCCUPIED_DIRTY" in statuses
