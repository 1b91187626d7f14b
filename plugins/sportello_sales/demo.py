"""Demo data: a hotel and shop catalogue, a few customers, issued and paid invoices."""

from __future__ import annotations


async def load() -> None:
    return None
