"""A front desk at every demo site (idempotent)."""

from __future__ import annotations

from sportello.parties.models import Site
from sportello_reception.models import FrontDesk

DESKS = {
    "HOTEL": ("RECEPTION", "Hotel reception"),
    "TOWNHALL": ("HALL", "Counter hall"),
    "HQ": ("LOBBY", "Lobby"),
}


async def load() -> None:
    for site in await Site.filter(code__in=list(DESKS)):
        code, name = DESKS[site.code]
        kind = {"HOTEL": "reception", "TOWNHALL": "counter", "HQ": "lobby"}[site.code]
        await FrontDesk.get_or_create(site=site, code=code, defaults={"name": name, "kind": kind})
