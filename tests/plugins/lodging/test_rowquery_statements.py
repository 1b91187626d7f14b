"""The remembered statements of list pages: one per shape and values, never another's rows."""

from __future__ import annotations

import datetime as dt

from lodging_helpers import MODULES, book, hotel
from tortoise.expressions import Q

from sportello.graphql import rowquery

COLUMNS = ("id", "status", "arrival", "guest__display_name", "room__number", "room__floor")


async def test_same_shape_other_values_never_share_rows(sportello_app) -> None:
    from sportello_lodging.models import Reservation

    async with sportello_app(MODULES) as h:
        made = await hotel(h, rooms=4)
        for i, room in enumerate(made["rooms"]):
            await book(h, room["id"], arrival=i, departure=i + 2, name=f"Guest {i}")
        rooms = await Reservation.all().values("room_id")
        room_ids = [r["room_id"] for r in await Reservation.all().order_by("id").values("room_id")]
        rowquery._statements.clear()
        # Two callers scoped to different rooms (as to different sites), same query shape.
        for _ in range(2):
            for scope in ([room_ids[0]], [room_ids[1]], [room_ids[0], room_ids[2]], []):
                qs = Reservation.filter(room_id__in=scope).order_by("id")
                got = await rowquery.values(qs, *COLUMNS)
                assert got == await qs.values(*COLUMNS)
                assert {r["id"] for r in got} == {
                    r["id"] for r in await Reservation.filter(room_id__in=scope).values("id")
                }
        remembered = len(rowquery._statements)
        assert remembered == 4  # one per scope, reused on the second round
        # Values equal in Python but not alike in SQL keep their own statements.
        a = dt.datetime(2030, 1, 1, 12, 0, tzinfo=dt.UTC)
        b = a.astimezone(dt.timezone(dt.timedelta(hours=5)))
        assert a == b
        for qs in (
            Reservation.filter(room__floor=1).order_by("id"),
            Reservation.filter(room__floor=True).order_by("id"),
            Reservation.filter(Q(room__floor=1) | Q(status="cancelled")).order_by("id"),
            Reservation.filter(Q(room__floor=1) & Q(status="cancelled")).order_by("id"),
            Reservation.filter(~Q(room__floor=1)).order_by("id"),
            Reservation.filter(created_at__lt=a).order_by("id"),
            Reservation.filter(created_at__lt=b).order_by("id"),
            Reservation.filter(room__floor=1).order_by("-id"),
            Reservation.filter(room__floor=1).order_by("id").limit(1),
            Reservation.filter(room__floor=1).order_by("id").limit(1).offset(1),
        ):
            for _ in range(2):
                assert await rowquery.values(qs, *COLUMNS) == await qs.values(*COLUMNS)
        assert len(rowquery._statements) == remembered + 10
        assert rooms  # the hotel has bookings


async def test_a_full_cache_lets_the_least_recently_used_statement_go(
    sportello_app, monkeypatch
) -> None:
    """A screen's statement asked again and again stays while one-off lookups come and go."""
    from sportello_lodging.models import Reservation

    async with sportello_app(MODULES) as h:
        made = await hotel(h, rooms=2)
        await book(h, made["rooms"][0]["id"], arrival=0, departure=2, name="Guest")
        rowquery._statements.clear()
        monkeypatch.setattr(rowquery, "MAX_STATEMENTS", 4)
        screen = Reservation.all().order_by("id")
        await rowquery.values(screen, *COLUMNS)
        ((key, entry),) = rowquery._statements.items()
        for pk in range(1, 20):  # one-off lookups, the screen asked between them
            await rowquery.values(Reservation.filter(id=pk).order_by("id"), *COLUMNS)
            assert len(rowquery._statements) <= 4
            await rowquery.values(screen, *COLUMNS)
            assert rowquery._statements[key] is entry  # never dropped and built again
        assert list(rowquery._statements)[-1] == key  # used last
