"""Front desks and the shared arrival lists of every receiving office."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sportello.identity.audit import record
from sportello.parties import timezones
from sportello.parties.models import Site
from sportello.services import Actor, ServiceError, atomic
from sportello_reception.models import FrontDesk

# The site clock moved to the core; these names stay for callers written before.
day_windows, local_days, site_zones, zone = (
    timezones.day_windows,
    timezones.local_days,
    timezones.site_zones,
    timezones.zone,
)




def _sort_key(item: Any) -> tuple[int, dt.datetime]:
    when = getattr(item, "expected_at", None) or getattr(item, "arrived_at", None)
    if when is None:
        return (1, dt.datetime.max.replace(tzinfo=dt.UTC))
    if isinstance(when, dt.date) and not isinstance(when, dt.datetime):
        when = dt.datetime.combine(when, dt.time.min, dt.UTC)
    return (0, when)


async def arrivals(
    runtime: Any, actor: Actor, day: dt.date, site_id: int | None = None
) -> list[Any]:
    """Everyone expected or arrived on ``day``, across every enabled receiving office."""
    sites = _sites(actor, site_id)
    lists = await runtime.call_async("sportello_reception_arrivals", site_ids=sites, day=day)
    return sorted((item for items in lists for item in items), key=_sort_key)


async def present(runtime: Any, actor: Actor, site_id: int | None = None) -> list[Any]:
    """Who is in the building now (for an evacuation or the front desk board)."""
    sites = _sites(actor, site_id)
    lists = await runtime.call_async("sportello_reception_present", site_ids=sites)
    return sorted((item for items in lists for item in items), key=_sort_key)


def _sites(actor: Actor, site_id: int | None) -> frozenset[int] | None:
    if site_id is None:
        return actor.site_ids
    if not actor.may_see_site(site_id):
        return frozenset()
    return frozenset({site_id})


async def create_front_desk(
    actor: Actor, site_id: int, code: str, name: str, kind: str = "reception"
) -> FrontDesk:
    code = code.strip().upper()
    if not code or not name.strip():
        raise ServiceError("REQUIRED", "core.required", "code" if not code else "name")
    if not actor.may_see_site(site_id):
        raise ServiceError("NOT_FOUND", "core.not_found", "siteId")
    async with atomic():
        if not await Site.filter(id=site_id).exists():
            raise ServiceError("NOT_FOUND", "core.not_found", "siteId")
        if await FrontDesk.filter(site_id=site_id, code=code).exists():
            raise ServiceError("CONFLICT", "reception.desk_code_taken", "code")
        desk = await FrontDesk.create(site_id=site_id, code=code, name=name.strip(), kind=kind)
        await record(actor, "frontDeskCreate", desk, after={"code": code, "name": name})
    return desk
