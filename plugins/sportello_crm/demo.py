"""A day at the front office: calls, a complaint transferred to a department (idempotent)."""

from __future__ import annotations

from sportello import api


async def load(runtime: api.RuntimeView | None = None) -> None:
    return None
