"""The room rack's nights: as a tape chart, a page of rooms, the days, and one flat list of bars
(a stay's consecutive nights in a room, or a closure's), the shape resource timelines take; as
rack rows, the reservation holding each night and whether the room is closed. Two queries
whatever the rooms and days: the rooms, then their stays (with each reservation's status and
guest) and closures in one statement, the database clipping each to the chart's nights."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from tortoise.queryset import QuerySet

from sportello import api
from sportello_lodging import models as m
from sportello_lodging.services.lifecycle import HOLDING


@dataclass(slots=True)
class ChartRoom:
    """A room of the chart's page (not frozen: a page builds a hundred)."""

    id: int
    number: str
    floor: int
    room_type_id: int
    room_type_name: str
    occupancy: str
    cleanliness: str


#: A bar: (room, start, nights, reservation, status, guest_name). ``room`` indexes the chart's
#: rooms, ``start`` its days; the reservation's id, its status and guest's name are all None
#: for a closure. A plain tuple: a fortnight of a 100-room page holds hundreds.
ChartBar = tuple[int, int, int, int | None, str | None, str | None]


@dataclass(frozen=True, slots=True)
class Chart:
    rooms: list[ChartRoom]
    bars: list[ChartBar]
    has_next: bool


#: Statuses whose stays show on the rack (a draft's only where nothing holds the night).
SHOWN = (*HOLDING, m.DRAFT)


def _nights_sql(room_ids: list[int], postgres: bool) -> str:
    """Stays and closures of the rooms overlapping the chart, each as the first and the last
    (excluded) night's index into the chart: stays first, by room, start and id (the order the
    nights are decided in), then closures by room and start. Parameters: the chart's first
    day, its number of days, the day after it (and on PostgreSQL the rooms' ids as an array).

    Each stay reads its reservation and guest by primary key, so the statement's cost follows
    the page, not the hotel's history: on PostgreSQL the lookup is a ``LATERAL`` subquery the
    planner cannot flatten (its ``OFFSET 0``), else it estimates the rooms' stays too many and
    hashes every reservation and guest of the hotel (20,000 of each: 10x the time at 10x the
    data). SQLite looks them up by primary key on its own."""
    statuses = ", ".join(f"'{s}'" for s in SHOWN)
    stay, res = m.RoomStay._meta.db_table, m.Reservation._meta.db_table
    party, closure = api.PartyModel._meta.db_table, m.RoomClosure._meta.db_table
    if postgres:
        first, days, until, rooms = "$1::date", "$2::int", "$3::date", "= ANY($4::int[])"

        def offset(column: str) -> str:
            return f"({column} - {first})"

        low, high = "GREATEST", "LEAST"
        shown = (
            'CROSS JOIN LATERAL (SELECT r."status", p."display_name" '
            f'FROM "{res}" r JOIN "{party}" p ON p."id" = r."guest_id" '
            f'WHERE r."id" = s."reservation_id" AND r."status" IN ({statuses}) OFFSET 0) x '
        )
        status, name = 'x."status"', 'x."display_name"'
        held = ""
    else:
        first, days, until = "?1", "?2", "?3"
        rooms = "IN ({})".format(", ".join(str(int(i)) for i in room_ids))

        def offset(column: str) -> str:
            return f"CAST(julianday({column}) - julianday({first}) AS INTEGER)"

        low, high = "MAX", "MIN"
        shown = (
            f'JOIN "{res}" r ON r."id" = s."reservation_id" '
            f'JOIN "{party}" p ON p."id" = r."guest_id" '
        )
        status, name = 'r."status"', 'p."display_name"'
        held = f'AND r."status" IN ({statuses}) '

    def end(table: str) -> str:
        return f'{table}."end"'

    return (
        f'SELECT s."room_id", 0 AS "closed", s."start", s."id", '
        f'{low}({offset("s.start")}, 0) AS "first", '
        f'{high}({offset(end("s"))}, {days}) AS "last", '
        f's."reservation_id", s."holding", {status} AS "status", {name} AS "display_name" '
        f'FROM "{stay}" s {shown}'
        f'WHERE s."room_id" {rooms} {held}'
        f'AND s."start" < {until} AND s."end" > {first} '
        "UNION ALL "
        f'SELECT c."room_id", 1, c."start", c."id", {low}({offset("c.start")}, 0), '
        f"{high}({offset(end('c'))}, {days}), NULL, NULL, NULL, NULL "
        f'FROM "{closure}" c WHERE c."room_id" {rooms} '
        f'AND c."start" < {until} AND c."end" > {first} '
        "ORDER BY 1, 2, 3, 4"
    )


async def _segments(room_ids: list[int], start: dt.date, days: int) -> Sequence[Any]:
    """The rows of ``_nights_sql`` for the rooms and the ``days`` nights from ``start``."""
    db = m.RoomStay._meta.db
    postgres = db.capabilities.dialect == "postgres"
    until = start + dt.timedelta(days=days)
    params: list[Any] = [start, days, until, room_ids]
    if not postgres:
        params = [start.isoformat(), days, until.isoformat()]
    _, rows = await db.execute_query(_nights_sql(room_ids, postgres), params)
    return rows


#: The columns of ``_nights_sql``'s rows, by position (a row is read by unpacking it).
_ROOM, _CLOSED, _FIRST, _LAST, _RESERVATION, _HOLDING = 0, 1, 4, 5, 6, 7


async def rack_nights(
    room_ids: list[int], start: dt.date, days: int
) -> dict[int, tuple[list[int | None], list[bool]]]:
    """For each room, the reservation holding each night from ``start`` (``None`` when free)
    and whether the room is closed (out of order) that night: one statement.

    Stay segments, not reservation dates: a guest moved in house shows in the old room for the
    nights slept there and in the new room from the move on. A holding stay wins over a draft;
    of two alike, the one starting first."""
    rows: dict[int, tuple[list[int | None], list[bool]]] = {
        room: ([None] * days, [False] * days) for room in room_ids
    }
    if not room_ids:
        return rows
    held: dict[int, list[bool]] = {room: [False] * days for room in room_ids}
    for seg in await _segments(room_ids, start, days):
        room, closed, _, _, first, last, reservation, holding_flag, _, _ = seg
        holders, shut = rows[room]
        if closed:
            for i in range(first, last):
                shut[i] = True
            continue
        holds, holding = held[room], bool(holding_flag)
        for i in range(first, last):
            if holders[i] is None or (holding and not holds[i]):
                holders[i], holds[i] = reservation, holding
    return rows


async def rack_chart(
    rooms: QuerySet[m.Room], start: dt.date, days: int, offset: int, limit: int
) -> Chart:
    """``limit`` rooms of ``rooms`` (a site's rooms the caller may see) from ``offset``, with
    the bars of ``days`` nights from ``start``: a room's stay bars first, then its closures'.

    A night shows the stay holding it (a holding stay wins over a draft; of two alike, the
    one starting first); a stay's consecutive nights in the room make one bar, as do a room's
    consecutive closed nights."""
    found = (
        await rooms.offset(offset)
        .limit(limit + 1)
        .values(
            "id",
            "number",
            "floor",
            "room_type_id",
            "occupancy",
            "cleanliness",
            room_type_name="room_type__name",
        )
    )
    page = [ChartRoom(**r) for r in found[:limit]]
    if not page:
        return Chart([], [], False)
    rows = await _segments([r.id for r in page], start, days)
    return Chart(page, _bars(rows, {r.id: i for i, r in enumerate(page)}, days), len(found) > limit)


def _bars(rows: Sequence[Any], index: dict[int, int], days: int) -> list[ChartBar]:
    """The bars of ``_nights_sql``'s rows (by room; a room's stays, then its closures).

    Rows are read by position, once each: a room's stays (in start, id order) become bars as
    they come, a segment continuing the previous one's reservation from its last night joining
    its bar; only a room where two stays share a night (a draft over another stay) is decided
    night by night. A room's closures join while they touch or overlap."""
    bars: list[ChartBar] = []
    n = len(rows)
    i = 0
    while i < n:
        room = rows[i][_ROOM]
        at = index[room]
        j, reached, overlapping = i, 0, False
        while j < n:
            row = rows[j]
            if row[_ROOM] != room or row[_CLOSED]:
                break
            if row[_FIRST] < reached:
                overlapping = True
            if row[_LAST] > reached:
                reached = row[_LAST]
            j += 1
        if j > i:
            stays = rows[i:j]
            _stay_bars(bars, at, _held(stays, days) if overlapping else stays)
        k = j
        while k < n and rows[k][_ROOM] == room:
            k += 1
        if k > j:
            _closure_bars(bars, at, rows[j:k])
        i = k
    return bars


def _stay_bars(bars: list[ChartBar], at: int, stays: Sequence[Any]) -> None:
    """Bars of one room's stays that share no night, in night order."""
    bar_start = bar_end = -1
    held_by: int | None = None
    status = name = None
    for _, _, _, _, first, last, reservation, _, next_status, next_name in stays:
        if bar_end == first and held_by == reservation:
            bar_end = last
            continue
        if bar_end >= 0:
            bars.append((at, bar_start, bar_end - bar_start, held_by, status, name))
        bar_start, bar_end, held_by, status, name = first, last, reservation, next_status, next_name
    if bar_end >= 0:
        bars.append((at, bar_start, bar_end - bar_start, held_by, status, name))


def _closure_bars(bars: list[ChartBar], at: int, closures: Sequence[Any]) -> None:
    """Bars of one room's closures (in start order): touching or overlapping ones join."""
    shut_start = shut_end = -1
    for c in closures:
        first, last = c[_FIRST], c[_LAST]
        if shut_end >= 0 and first <= shut_end:
            shut_end = max(shut_end, last)
            continue
        if shut_end >= 0:
            bars.append((at, shut_start, shut_end - shut_start, None, None, None))
        shut_start, shut_end = first, last
    if shut_end >= 0:
        bars.append((at, shut_start, shut_end - shut_start, None, None, None))


def _held(stays: Sequence[Any], days: int) -> list[tuple[Any, ...]]:
    """Night by night, the stay each night shows (a holding stay over a draft, else the first),
    as one-night segments (rows of ``_nights_sql``'s shape) for the bars to join."""
    nights: list[Any] = [None] * days
    for seg in stays:
        holding = bool(seg[_HOLDING])
        for i in range(seg[_FIRST], seg[_LAST]):
            shown = nights[i]
            if shown is None or (holding and not shown[_HOLDING]):
                nights[i] = seg
    return [
        (None, 0, None, None, i, i + 1, *tuple(seg)[_RESERVATION:])
        for i, seg in enumerate(nights)
        if seg is not None
    ]
