"""Front desks and the shared arrival lists of every receiving office."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sportello import api

# The site clock moved to the core (sportello.api); these names stay for callers written before.
from sportello.api import day_windows as day_windows
from sportello.api import local_days as local_days
from sportello.api import site_zones as site_zones
from sportello.api import zone as zone
from sportello_reception.hookspecs import ARRIVALS_HOOK, PRESENT_HOOK
from sportello_reception.models import FrontDesk


def _sort_key(item: Any) -> tuple[int, dt.datetime]:
    """Earliest first (expected, else arrived); undated items last."""
    when = getattr(item, "expected_at", None) or getattr(item, "arrived_at", None)
    if when is None:
        return (1, dt.datetime.max.replace(tzinfo=dt.UTC))
    if isinstance(when, dt.date) and not isinstance(when, dt.datetime):
        when = dt.datetime.combine(when, dt.time.min, dt.UTC)
    return (0, when)


async def arrivals(
    runtime: Any, actor: api.Actor, day: dt.date, site_id: int | None = None
) -> list[Any]:
    """Everyone expected or arrived on ``day``, across every enabled receiving office."""
    lists = await runtime.call_async(ARRIVALS_HOOK, site_ids=_sites(actor, site_id), day=day)
    return sorted((item for items in lists for item in items), key=_sort_key)


async def present(runtime: Any, actor: api.Actor, site_id: int | None = None) -> list[Any]:
    """Who is in the building now (for an evacuation or the front desk board)."""
    lists = await runtime.call_async(PRESENT_HOOK, site_ids=_sites(actor, site_id))
    return sorted((item for items in lists for item in items), key=_sort_key)


def _sites(actor: api.Actor, site_id: int | None) -> frozenset[int] | None:
    """The sites to list: the actor's (None: every site), or the one asked for if visible."""
    if site_id is None:
        return actor.site_ids
    if not actor.may_see_site(site_id):
        return frozenset()
    return frozenset({site_id})


async def create_front_desk(
    actor: api.Actor, site_id: int, code: str, name: str, kind: str = "reception"
) -> FrontDesk:
    code = code.strip().upper()
    if not code or not name.strip():
        raise api.ServiceError("REQUIRED", "core.required", "code" if not code else "name")
    if not actor.may_see_site(site_id):
        raise api.ServiceError("NOT_FOUND", "core.not_found", "siteId")
    async with api.atomic():
        await api.get_or_error(api.SiteModel, site_id, "siteId")
        if await FrontDesk.filter(site_id=site_id, code=code).exists():
            raise api.ServiceError("CONFLICT", "reception.desk_code_taken", "code")
        desk = await FrontDesk.create(site_id=site_id, code=code, name=name.strip(), kind=kind)
        await api.record(actor, "frontDeskCreate", desk, after={"code": code, "name": name})
    return desk
