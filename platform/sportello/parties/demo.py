"""Demo sites: idempotent, keyed by site code."""

from __future__ import annotations

from sportello.parties.models import ORGANISATION, Party, Site

SITES = [
    ("HOTEL", "Hotel Bellavista", "hotel", "Lungomare 12, Rimini"),
    ("TOWNHALL", "Comune di Borgo - Sportello al cittadino", "public_office", "Piazza Grande 1"),
    ("HQ", "Studio Rossi & Partners", "office", "Via Roma 4, Bologna"),
]


async def load() -> None:
    org, _ = await Party.get_or_create(
        display_name="Sportello Demo Group",
        kind=ORGANISATION,
        defaults={"email": "info@demo.example"},
    )
    for code, name, kind, address in SITES:
        await Site.get_or_create(
            code=code,
            defaults={"name": name, "kind": kind, "address": address, "organisation": org},
        )
