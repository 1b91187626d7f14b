"""A demo year of plausible entries (filled in below)."""

from __future__ import annotations

from sportello import api


async def load(runtime: api.RuntimeView | None = None) -> None:
    return None
