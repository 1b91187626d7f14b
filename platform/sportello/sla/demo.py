"""Policies a municipality and its help desks would have on a working day (idempotent)."""

from __future__ import annotations

from typing import Any

from sportello.services import SYSTEM
from sportello.sla import models as m
from sportello.sla.services import create_policy

POLICIES: list[dict[str, Any]] = [
    {
        "name": "Administrative procedure (30 days, L. 241/1990)",
        "position": 10,
        "category": "administrative_procedure",
        "deadline_days": 30,
        "deadline_kind": m.CALENDAR,
        "warn_before_percent": 20,
    },
    {
        "name": "Urgent request",
        "position": 20,
        "priority": "urgent",
        "first_response_minutes": 30,
        "resolution_minutes": 240,
        "warn_before_percent": 25,
    },
    {
        "name": "Standard request",
        "position": 90,
        "first_response_minutes": 480,
        "resolution_minutes": 2400,
        "warn_before_minutes": 60,
    },
    {
        "name": "Priority queue at the counter",
        "position": 15,
        "office": "counter",
        "priority": "priority",
        "first_response_minutes": 10,
        "warn_before_minutes": 3,
    },
]


async def load() -> None:
    for data in POLICIES:
        if not await m.SlaPolicy.filter(name=data["name"]).exists():
            await create_policy(SYSTEM, **data)
