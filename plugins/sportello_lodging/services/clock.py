"""The hotel day is the day at the site: one clock that every module calls as ``clock.today()``
(never a copied name), so a test moves the day for all of them by patching it here."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sportello import api
from sportello_lodging import models as m
from sportello_lodging.services._common import column
from sportello_lodging.services.checkin import expected_at

__all__ = ["booking_today", "expected_at", "nights", "now", "site_today", "today"]


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def today(timezone: str | None = None) -> dt.date:
    """The hotel day in a site's time zone (UTC without one); tests may monkeypatch it."""
    return now().astimezone(api.zone(timezone)).date()


async def site_today(site_id: int) -> dt.date:
    """Today at the site: a guest arriving at 00:30 in Athens arrives today, not yesterday."""
    zones = await column(api.SiteModel.filter(id=site_id), "timezone")
    return today(zones[0] if zones else None)


async def booking_today(room_id: int | None, room_type_id: int | None) -> dt.date:
    """Today at the site of the room (or room type) being booked."""
    zones: list[Any] = []
    if room_id is not None:
        zones = await column(m.Room.filter(id=room_id), "site__timezone")
    elif room_type_id is not None:
        zones = await column(m.RoomType.filter(id=room_type_id), "site__timezone")
    return today(zones[0] if zones else None)


def nights(arrival: dt.date, departure: dt.date) -> list[dt.date]:
    return [arrival + dt.timedelta(days=i) for i in range((departure - arrival).days)]
