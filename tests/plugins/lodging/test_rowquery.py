"""The list pages' cached SELECT stage gives exactly what Tortoise's own ``values()`` gives."""

from __future__ import annotations

from lodging_helpers import MODULES, book, hotel
from tortoise.expressions import Q

from sportello.graphql import rowquery

COLUMNS = (
    "id", "status", "arrival", "departure", "rate", "checked_in_at",
    "guest__display_name", "room__number", "room__floor", "room__room_type__name",
    "room__room_type__base_rate", "room__room_type__amenities",
)  # fmt: skip


async def test_rows_match_tortoise_for_every_filter_order_and_page(sportello_app) -> None:
    from sportello_lodging.models import Reservation, Room

    async with sportello_app(MODULES) as h:
        made = await hotel(h, rooms=4)
        for i, room in enumerate(made["rooms"]):
            await book(h, room["id"], arrival=i, departure=i + 2, name=f"Guest {i}")
        await book(h, made["rooms"][0]["id"], arrival=10, departure=12, name="Late Guest")
        # A datetime column with a value, so its conversion from the database is compared too.
        import datetime as dt

        first = await Reservation.all().order_by("id").first()
        await Reservation.filter(id=first.id).update(checked_in_at=dt.datetime.now(dt.UTC))

        querysets = [
            Reservation.all().order_by("id"),
            Reservation.all().order_by("-arrival", "id").offset(1).limit(2),
            Reservation.filter(room__number="100").order_by("id"),
            Reservation.filter(room__room_type__name="Double", guest__display_name__icontains="3"),
            Reservation.filter(Q(room__floor=1) & ~Q(status="cancelled")).order_by("room__number"),
            Reservation.filter(id__in=[]),
        ]
        for _ in range(2):  # the second round runs on the cached stage
            for qs in querysets:
                assert await rowquery.values(qs, *COLUMNS) == await qs.values(*COLUMNS)
        # The same shape with other values: the filter is not part of the cache.
        for number in ("100", "101", "999"):
            qs = Reservation.filter(room__number=number).order_by("id")
            assert await rowquery.values(qs, *COLUMNS) == await qs.values(*COLUMNS)
        rooms = Room.filter(floor=1)
        assert await rowquery.column(rooms, "number") == await rooms.values_list(
            "number", flat=True
        )
        # DISTINCT takes Tortoise's own path.
        distinct = Reservation.filter(arrival__isnull=False).order_by("id").distinct()
        columns = ("id", "room__number")
        assert await rowquery.values(distinct, *columns) == await distinct.values(*columns)
