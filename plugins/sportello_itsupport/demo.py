"""Demo data: filled in below."""

from __future__ import annotations


async def load() -> None:
    return None
