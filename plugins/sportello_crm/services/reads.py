"""What the GraphQL layer reads for a page of rows: links, history, clocks (fixed queries)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sportello import api
from sportello_crm import models as m
from sportello_crm.services import _common as c


async def links_of(owner: str, ids: Sequence[int]) -> dict[int, list[tuple[str, str]]]:
    """``owner`` is ``interaction_id`` or ``case_id``: the links of each, in one query."""
    found: dict[int, list[tuple[str, str]]] = {i: [] for i in ids}
    rows = (
        await m.Link.filter(**{f"{owner}__in": list(ids)})
        .order_by("id")
        .values_list(owner, "object_type", "object_id")
    )
    for key, object_type, object_id in rows:
        found[key].append((object_type, object_id))
    return found


async def history_of(case_ids: Sequence[int]) -> dict[int, list[m.CaseEntry]]:
    found: dict[int, list[m.CaseEntry]] = {i: [] for i in case_ids}
    for row in await m.CaseEntry.filter(case_id__in=list(case_ids)).order_by("at", "id"):
        found[row.case_id].append(row)
    return found


async def clocks_of(case_ids: Sequence[int]) -> dict[int, api.ClockInfo]:
    found: dict[int, api.ClockInfo] = await api.sla_clocks(c.OFFICE, c.CASE_ITEM, list(case_ids))
    return found


async def due_times_of(case_ids: Sequence[int]) -> dict[int, dt.datetime | None]:
    """The resolution due time of each case that has a clock, in one query of two columns
    (a list showing ``dueAt`` needs no more of the clock)."""
    rows = await api.ClockInfo.filter(
        office=c.OFFICE, item_type=c.CASE_ITEM, item_id__in=list(case_ids)
    ).values_list("item_id", "due_resolution_at")
    return {int(item): due for item, due in rows}


def due_at(clock: api.ClockInfo | None) -> dt.datetime | None:
    """When the case must be resolved: the resolution due time (a legal deadline included)."""
    if clock is None:
        return None
    due: dt.datetime | None = clock.due_resolution_at
    return due
