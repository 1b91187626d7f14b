"""Follow-ups other offices' events create ("seguimiento y fidelización"): after a stay, ask
the guest how it went; after a sale, the customer. Each handler is registered only when the
office that publishes its event is enabled, and creates one follow-up per event (the
activity's unique ``source_event``, inside ``event.transaction()``).

A follow-up is a promotional contact: it is made only for a party whose latest word on the
``follow_up_consent`` purpose (``marketing``) is yes, and not while the party already has an
open follow-up made by an event (a stay invoiced at checkout brings one, not two)."""

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
    Rule(
        office="sales",
        event="sales.invoice.issued",
        party_field="party_id",
        title="Ask how the purchase went",
        days=lambda: c.settings().follow_up_after_sale_days,
    ),
)


async def _may_follow_up(party_id: int) -> bool:
    purpose = c.settings().follow_up_consent.strip()
    if purpose and party_id not in await api.consenting_parties([party_id], purpose):
        return False
    pending = m.Activity.filter(
        party_id=party_id, kind="follow_up", done_at=None, source_event__isnull=False
    )
    return not await pending.exists()


def _handler(rule: Rule) -> Callable[[api.Event], object]:
    async def handle(event: api.Event) -> None:
        party_id = event.payload.get(rule.party_field)
        days = rule.days()
        if not isinstance(party_id, int) or days <= 0:
            return
        source = f"{event.name}:{event.id}"
        async with event.transaction():
            if await m.Activity.filter(source_event=source).exists():
                return
            try:  # two events of one party handled at once: the second waits, sees the first
                await api.lock_live_party(party_id)
            except api.ServiceError:  # the party was erased or merged since: nobody to ask
                return
            if not await _may_follow_up(party_id):
                return
            # An invoice belongs to no site: its follow-up goes to the desk's (inbound_site).
            site_id = event.site_id or await c.default_site(api.SYSTEM)
            due = c.now().replace(hour=10, minute=0, second=0, microsecond=0)
            try:
                await activities.create(
                    api.SYSTEM,
                    rule.title,
                    site_id=site_id,
                    party_id=party_id,
                    kind="follow_up",
                    due_at=due + dt.timedelta(days=days),
                    source_event=source,
                )
            except api.ServiceError:  # the party was erased or merged since: nobody to ask
                return

    return handle


def handlers(enabled: Callable[[str], bool]) -> list[api.EventHandler]:
    return [
        api.EventHandler(rule.event, f"crm.follow_up.{rule.event}", _handler(rule))  # type: ignore[arg-type]  # an async handler
        for rule in RULES
        if enabled(rule.office)
    ]
