"""The room rack as a tape chart, written by hand (served by fast.py): three queries (the rooms,
their stays joined to the reservation and guest, their closures), the bars built in one pass per
room as plain objects, the same response as Sportello's ``roomRackChart``."""

from __future__ import annotations

import datetime as dt
import enum

import strawberry

from bench.reference.common import global_id
from bench.reference.models import Room, RoomClosure, RoomStay

#: Statuses whose stays show on the rack (draft stays only where nothing holds the night).
RACK_STATUSES = ("confirmed", "checked_in", "checked_out", "draft")


@strawberry.enum
class RackBarKind(enum.Enum):
    STAY = "stay"
    CLOSURE = "closure"


@strawberry.type
class RackChartRoomT:
    id: strawberry.ID
    number: str
    room_type_name: str


@strawberry.type
class RackBarT:
    room: int
    start: int
    nights: int
    kind: RackBarKind
    reservation_id: strawberry.ID | None
    status: str | None
    guest_name: str | None


@strawberry.type
class RoomRackChartT:
    days: list[dt.date]
    rooms: list[RackChartRoomT]
    bars: list[RackBarT]


def _runs(row: list[object]) -> list[tuple[int, int, object]]:
    out, first = [], 0
    for i in range(1, len(row) + 1):
        if i == len(row) or row[i] != row[first]:
            if row[first]:
                out.append((first, i - first, row[first]))
            first = i
    return out


async def rack_chart(site_id: int, start: dt.date, days: int, first: int) -> RoomRackChartT:
    until = start + dt.timedelta(days=days)
    rooms = (
        await Room.filter(site_id=site_id)
        .order_by("floor", "number", "id")
        .limit(first)
        .values("id", "number", "room_type__name")
    )
    ids = [r["id"] for r in rooms]
    held: dict[int, list[int | None]] = {i: [None] * days for i in ids}
    holding: dict[int, list[bool]] = {i: [False] * days for i in ids}
    shown: dict[int, tuple[str, str]] = {}
    for seg in await RoomStay.filter(
        room_id__in=ids, reservation__status__in=RACK_STATUSES, start__lt=until, end__gt=start
    ).values(
        "room_id",
        "reservation_id",
        "start",
        "end",
        "holding",
        "reservation__status",
        "reservation__guest__display_name",
    ):
        rid = seg["reservation_id"]
        shown[rid] = (seg["reservation__status"].upper(), seg["reservation__guest__display_name"])
        row, holds = held[seg["room_id"]], holding[seg["room_id"]]
        for i in range(max((seg["start"] - start).days, 0), min((seg["end"] - start).days, days)):
            if row[i] is None or (seg["holding"] and not holds[i]):
                row[i], holds[i] = rid, seg["holding"]
    shut: dict[int, list[bool]] = {i: [False] * days for i in ids}
    for c in await RoomClosure.filter(room_id__in=ids, start__lt=until, end__gt=start).values(
        "room_id", "start", "end"
    ):
        for i in range(max((c["start"] - start).days, 0), min((c["end"] - start).days, days)):
            shut[c["room_id"]][i] = True
    bars = []
    for index, r in enumerate(rooms):
        for s, n, rid in _runs(held[r["id"]]):  # type: ignore[arg-type]
            status, name = shown[rid]  # type: ignore[index]
            gid = strawberry.ID(global_id("Reservation", rid))  # type: ignore[arg-type]
            bars.append(
                RackBarT(
                    room=index,
                    start=s,
                    nights=n,
                    kind=RackBarKind.STAY,
                    reservation_id=gid,
                    status=status,
                    guest_name=name,
                )
            )
        for s, n, _ in _runs(shut[r["id"]]):  # type: ignore[arg-type]
            bars.append(
                RackBarT(
                    room=index,
                    start=s,
                    nights=n,
                    kind=RackBarKind.CLOSURE,
                    reservation_id=None,
                    status=None,
                    guest_name=None,
                )
            )
    return RoomRackChartT(
        days=[start + dt.timedelta(days=i) for i in range(days)],
        rooms=[
            RackChartRoomT(
                id=strawberry.ID(global_id("Room", r["id"])),
                number=r["number"],
                room_type_name=r["room_type__name"],
            )
            for r in rooms
        ],
        bars=bars,
    )
