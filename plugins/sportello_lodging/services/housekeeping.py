"""Housekeeping's say at the desk (a guest goes into a clean room, or the desk is told) and
housekeeping's own list of the day: due-outs, stay-overs and arrivals by room."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tortoise.expressions import Q
from tortoise.queryset import QuerySet

from sportello import api
from sportello_lodging import models as m
from sportello_lodging.services import clock, config

#: Where check-in leaves its warnings on the reservation it returns (the payload shows them).
WARNINGS = "check_in_warnings"


def check_room_ready(res: m.Reservation, room: m.Room) -> None:
    """A dirty room: ROOM_DIRTY, or (``dirty_room_check_in = "warn"``) a warning on ``res``."""
    if room.cleanliness != m.DIRTY:
        return
    if config.settings().dirty_room_check_in == "refuse":
        raise api.ServiceError("ROOM_DIRTY", "lodging.room_dirty", "id")
    setattr(res, WARNINGS, [api.Problem("ROOM_DIRTY", "lodging.room_dirty_warning", "id")])


def warnings_of(res: m.Reservation) -> list[api.Problem]:
    return list(getattr(res, WARNINGS, ()))


DUE_OUT, STAY_OVER, ARRIVAL = "due_out", "stay_over", "arrival"


async def day_stays(actor: api.Actor, site_id: int) -> tuple[dt.date, QuerySet[m.Reservation]]:
    """The site's day and its stays housekeeping works on, by floor and room: in house (leaving
    today or later) and arrivals expected today. Housekeeping may not read reservations (guest
    data), so the site alone scopes the list."""
    day = await clock.site_today(site_id)
    site_ids = [site_id] if actor.may_see_site(site_id) else []
    stays = m.Reservation.filter(
        Q(status=m.CHECKED_IN, departure__gte=day) | Q(status=m.CONFIRMED, arrival=day),
        site_id__in=site_ids,
    ).order_by("room__floor", "room__number", "id")
    return day, stays


async def day_tasks(
    actor: api.Actor, site_id: int, offset: int, limit: int
) -> list[dict[str, Any]]:
    """A page of the day's tasks: room id, kind (due-out, stay-over, arrival), dates, guests."""
    day, stays = await day_stays(actor, site_id)
    rows = (
        await stays.offset(offset)
        .limit(limit)
        .values("room_id", "status", "arrival", "departure", "adults", "children")
    )
    return [
        {
            "room_id": row["room_id"],
            "kind": ARRIVAL
            if row["status"] == m.CONFIRMED
            else DUE_OUT
            if row["departure"] <= day
            else STAY_OVER,
            "arrival": row["arrival"],
            "departure": row["departure"],
            "guests": row["adults"] + row["children"],
        }
        for row in rows
    ]
