"""A page of groups' rooms, as the groups list shows them: a fixed number of queries for any
number of groups (a window function numbers each group's reservations)."""

from __future__ import annotations

from collections.abc import Sequence

from tortoise.functions import Count

from sportello_lodging import group_models as g
from sportello_lodging import models as m


async def reservation_pages(
    group_ids: Sequence[int], offset: int, limit: int
) -> dict[int, list[int]]:
    """The ids of reservations ``offset`` to ``offset + limit`` (by arrival, then id) of each
    group: one query for any number of groups."""
    if not group_ids or limit <= 0:
        return {}
    link, res = g.ReservationGroupRoom._meta.db_table, m.Reservation._meta.db_table
    ids = ", ".join(str(int(i)) for i in group_ids)
    first, last = int(offset), int(offset) + int(limit)
    numbered = (
        f'SELECT k."group_id", k."reservation_id", ROW_NUMBER() OVER (PARTITION BY k."group_id" '
        f'ORDER BY r."arrival", r."id") AS "position" FROM "{link}" k '
        f'JOIN "{res}" r ON r."id" = k."reservation_id" WHERE k."group_id" IN ({ids})'
    )
    _, rows = await g.ReservationGroupRoom._meta.db.execute_query(
        f'SELECT "group_id", "reservation_id" FROM ({numbered}) AS "numbered" '
        f'WHERE "position" > {first} AND "position" <= {last} ORDER BY "group_id", "position"'
    )
    pages: dict[int, list[int]] = {}
    for row in rows:
        pages.setdefault(int(row["group_id"]), []).append(int(row["reservation_id"]))
    return pages


async def room_counts(group_ids: Sequence[int]) -> dict[int, int]:
    """How many reservations each group holds (one query)."""
    rows = (
        await g.ReservationGroupRoom.filter(group_id__in=list(group_ids))
        .annotate(rooms=Count("id"))
        .group_by("group_id")
        .values("group_id", "rooms")
    )
    return {int(row["group_id"]): int(row["rooms"]) for row in rows}
