"""A front desk at every demo site (idempotent)."""

from __future__ import annotations

from sportello import api
from sportello_reception.models import FrontDesk

#: Site code -> (desk code, desk name, desk kind).
DESKS = {
    "HOTEL": ("RECEPTION", "Hotel reception", "reception"),
    "TOWNHALL": ("HALL", "Counter hall", "counter"),
    "HQ": ("LOBBY", "Lobby", "lobby"),
}


async def load(runtime: api.RuntimeView | None = None) -> None:
    for site in await api.SiteModel.filter(code__in=list(DESKS)):
        code, name, kind = DESKS[site.code]
        await FrontDesk.get_or_create(site=site, code=code, defaults={"name": name, "kind": kind})
