"""Follow-ups other offices' events create ("seguimiento y fidelización"): after a stay, ask
the guest how it went. Each handler is registered only when the office that publishes its
event is enabled, and creates one follow-up per event (the activity's unique ``source_event``,
inside ``event.transaction()``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from sportello import api
from sportello_crm import models as m
from sportello_crm.services import _common as c
from sportello_crm.services import activities


@dataclass(frozen=True)
class Rule:
    office: str
    event: str
    party_field: str
    title: str
    days: Callable[[], int]


RULES = (
    Rule(
        office="lodging",
        event="lodging.reservation.checked_out",
        party_field="guest_party_id",
        title="Ask how the stay went",
        days=lambda: c.settings().follow_up_after_stay_days,
    ),
)


def _handler(rule: Rule) -> Callable[[api.Event], object]:
    async def handle(event: api.Event) -> None:
        party_id = event.payload.get(rule.party_field)
        days = rule.days()
        if not isinstance(party_id, int) or days <= 0 or event.site_id is None:
            return
        source = f"{event.name}:{event.id}"
        async with event.transaction():
            if await m.Activity.filter(source_event=source).exists():
                return
            due = c.now().replace(hour=10, minute=0, second=0, microsecond=0)
            await activities.create(
                api.SYSTEM,
                rule.title,
                site_id=event.site_id,
                party_id=party_id,
                kind="follow_up",
                due_at=due + dt.timedelta(days=days),
                source_event=source,
            )

    return handle


def handlers(enabled: Callable[[str], bool]) -> list[api.EventHandler]:
    return [
        api.EventHandler(rule.event, f"crm.follow_up.{rule.event}", _handler(rule))  # type: ignore[arg-type]  # an async handler
        for rule in RULES
        if enabled(rule.office)
    ]
