"""A ticket's life is one aggregate: numbering and every status move are conditional writes
whose rules (which statuses are present, at a counter, may move) are stated here once.

Ticket numbers
    One ``counter_ticket_sequence`` row per (service, day); issuing a ticket runs
    ``INSERT INTO counter_ticket_sequence ... VALUES (service, day, 1) ON CONFLICT (service_id,
    day) DO UPDATE SET last_number = last_number + 1 RETURNING last_number`` inside the issuing
    transaction: the first ticket of a day creates the row, every other one increments it, in
    one statement. Numbers are consecutive with no gap and no duplicate on SQLite and
    PostgreSQL (the row lock serialises issuers; a rolled back issue rolls back its number
    too). A UNIQUE (numbered_service, day, number) constraint backs it. Numbering starts again
    at 1 on each local day.

Walk-in tickets
    Only while the service takes tickets: active, not on one of its closed days, and the
    site-local time inside one of the day's opening ranges ``[start, end)`` (``"24:00"`` may end
    a range). Otherwise SERVICE_CLOSED. Checked-in appointments get their ticket whatever the
    hour (someone may arrive before opening for the first slot). A service with a
    ``daily_walk_in_quota`` issues at most that many walk-in tickets a day (QUOTA_REACHED),
    counted under the lock of its sequence row.

Issuing is six statements in one transaction: the service with its site's time zone and
serving counters, the number, the day's queue (for the estimated wait and the display's
counts), the ticket, the audit entry and the outbox event; the wait clock (the core's SLA
engine) adds its own.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel, Field
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.expressions import F, RawSQL

from sportello import api
from sportello_counter import models as m
from sportello_counter.services import _common
from sportello_counter.services._common import _aware
from sportello_counter.services.catalogue import _require_staff, _service
from sportello_counter.services.display import waiting_counts
from sportello_counter.services.hours import is_open
from sportello_counter.services.wait_clock import ticket_issued, ticket_moved

TICKET_ISSUED = "counter.ticket.issued"
TICKET_CALLED = "counter.ticket.called"
TICKET_NO_SHOW = "counter.ticket.no_show"
TICKET_SERVICE_STARTED = "counter.ticket.service_started"
TICKET_FINISHED = "counter.ticket.finished"
TICKET_TRANSFERRED = "counter.ticket.transferred"
TICKET_CANCELLED = "counter.ticket.cancelled"
#: Ticket events (the hall display streams them).
EVENTS = (
    TICKET_ISSUED,
    TICKET_CALLED,
    TICKET_NO_SHOW,
    TICKET_SERVICE_STARTED,
    TICKET_FINISHED,
    TICKET_TRANSFERRED,
    TICKET_CANCELLED,
)

#: Statuses of a ticket whose holder is in the hall.
PRESENT = (m.WAITING, m.CALLED, m.IN_SERVICE)
#: Statuses of a ticket held by a counter: only its staff (or a manager) move it, and the
#: counter calls no other ticket meanwhile (COUNTER_BUSY).
AT_COUNTER = (m.CALLED, m.IN_SERVICE)
#: The statuses each transition starts from (INVALID_TRANSITION otherwise).
ALLOWED_FROM = {
    "recall": (m.CALLED,),
    "no_show": (m.CALLED,),
    "start_service": (m.CALLED,),
    "finish_service": (m.IN_SERVICE,),
    "cancel": (m.WAITING,),
    "transfer": (m.WAITING, m.CALLED, m.IN_SERVICE),
}
#: Reasons a PRIORITY ticket may give (none is also accepted).
PRIORITY_REASONS = ("pregnant", "disabled", "elderly")


class TicketEvent(BaseModel):
    """Payload of the ticket events: the ticket as the change left it, and its site's queue."""

    ticket_id: int = Field(description="The ticket's id")
    number: str = Field(description="The printed code, e.g. A001")
    service_id: int = Field(description="The service the ticket waits for (or was served by)")
    status: str = Field(description="waiting, called, in_service, done, no_show, cancelled")
    counter_id: int | None = Field(description="The counter the ticket is at or was served at")
    counter_name: str | None = Field(description="That counter's name (null without a counter)")
    waiting: dict[str, int] = Field(
        description="Tickets waiting today at the ticket's site, by service id (a string)"
    )


def _dialect(conn: BaseDBAsyncClient) -> str:
    return getattr(getattr(conn, "capabilities", None), "dialect", "sqlite")


async def _next_number(conn: BaseDBAsyncClient, service_id: int, day: dt.date) -> int:
    """Create or increment the (service, day) sequence row and read it, in one statement
    inside the caller's transaction (an upsert on its UNIQUE key: the row lock serialises
    issuers, the first of a day creates the row, a rolled back issue gives its number back)."""
    one, two = ("$1", "$2") if _dialect(conn) == "postgres" else ("?", "?")
    rows = await conn.execute_query_dict(
        "INSERT INTO counter_ticket_sequence (service_id, day, last_number) "
        f"VALUES ({one}, {two}, 1) ON CONFLICT (service_id, day) DO UPDATE "
        "SET last_number = counter_ticket_sequence.last_number + 1 RETURNING last_number",
        [service_id, day],
    )
    return int(rows[0]["last_number"])


#: The active counters of the service's site that serve it (a JSON list of service ids).
_SERVING = {
    "postgres": "c.service_ids::jsonb @> to_jsonb(counter_service.id)",
    "sqlite": "EXISTS (SELECT 1 FROM json_each(c.service_ids) j WHERE j.value = counter_service.id)",
}


#: What issuing reads of the service.
_SERVICE_COLUMNS = (
    "id",
    "site_id",
    "name",
    "prefix",
    "opening_hours",
    "closed_days",
    "service_minutes",
    "target_wait_minutes",
    "active",
    "public_booking",
    "daily_walk_in_quota",
    "daily_appointment_quota",
)


async def _issuing(
    conn: BaseDBAsyncClient, actor: api.Actor, service_id: int
) -> tuple[m.CounterService, str, int]:
    """The service, its site's time zone and how many active counters serve it: one query."""
    serving = RawSQL(
        "(SELECT COUNT(*) FROM counter_counter c WHERE c.site_id = counter_service.site_id"
        f" AND c.active AND {_SERVING.get(_dialect(conn), _SERVING['sqlite'])})"
    )
    rows = (
        await m.CounterService.filter(id=service_id)
        .annotate(serving_counters=serving)
        .limit(1)
        .values(*_SERVICE_COLUMNS, "serving_counters", site_timezone="site__timezone")
    )
    row = rows[0] if rows else None
    if row is None or not actor.may_see_site(row["site_id"]):
        raise api.ServiceError("NOT_FOUND", "core.not_found", "serviceId")
    timezone, counters = row.pop("site_timezone"), int(row.pop("serving_counters"))
    return m.CounterService(**row), timezone or "", counters


def ticket_code(prefix: str, number: int) -> str:
    return f"{prefix}{number:03d}"


def call_group(
    appointment_id: int | None, slot_at: dt.datetime | None, priority: str, at: dt.datetime
) -> int:
    """The group of the call-next order (``services.call_next``): 0 an appointment whose slot
    has come, 1 PRIORITY, 2 NORMAL (and late appointments), 3 an appointment early."""
    if appointment_id is not None and slot_at is not None:
        return 0 if _aware(slot_at) <= at else 3
    return 1 if priority == m.PRIORITY else 2


def _ahead(
    waiting: list[tuple[int, int | None, dt.datetime | None, str]],
    service_id: int,
    group: int,
    at: dt.datetime,
) -> int:
    """Tickets waiting for the service that a new ticket of ``group`` (issued now, so last of
    its group) will be called after: those of its group and of the groups before it."""
    return sum(
        1 for sid, a, s, p in waiting if sid == service_id and call_group(a, s, p, at) <= group
    )


def _estimate_wait(service: m.CounterService, ahead: int, counters: int) -> int:
    """Minutes: the tickets ahead (in the call-next order) times the service time, shared by
    the active counters serving the service."""
    return math.ceil(ahead * service.service_minutes / max(1, counters))


async def _publish(
    name: str,
    ticket: m.Ticket,
    counter: m.Counter | None = None,
    waiting: dict[str, int] | None = None,
) -> None:
    """``waiting``: the site's waiting counts when the caller has them (read otherwise)."""
    site_id = ticket.site_id
    payload = TicketEvent(
        ticket_id=ticket.id,
        number=ticket.code,
        service_id=ticket.service_id,
        status=ticket.status,
        counter_id=counter.id if counter else ticket.counter_id,
        counter_name=counter.name if counter else None,
        waiting=await waiting_counts(site_id) if waiting is None else waiting,
    )
    await api.publish(name, payload, aggregate=f"ticket:{ticket.id}", site_id=site_id)


async def issue_ticket(
    actor: api.Actor,
    service_id: int,
    priority: str = m.NORMAL,
    priority_reason: str | None = None,
    *,
    channel: str = "kiosk",
    party_name: str = "",
    appointment: m.Appointment | None = None,
    late: bool = False,
) -> m.Ticket:
    """A ticket numbered in the service's sequence of the site-local day.

    A walk-in (no ``appointment``) only while the service is open (SERVICE_CLOSED otherwise).
    ``priority_reason`` is optional and kept for PRIORITY tickets only. A ``late`` appointment
    ticket carries no slot time: it ranks as a walk-in.
    """
    if priority not in (m.NORMAL, m.PRIORITY):
        raise api.ServiceError("INVALID", "counter.invalid_priority", "priority")
    if priority_reason is not None and priority_reason not in PRIORITY_REASONS:
        raise api.ServiceError("INVALID", "counter.invalid_priority", "priorityReason")
    if priority == m.NORMAL:
        priority_reason = None
    # Six statements in all (the wait clock aside): the service with its site's zone and
    # counters, the number, the queue, the ticket, the audit entry, the outbox event.
    async with api.atomic() as conn:
        service, timezone, counters = await _issuing(conn, actor, service_id)
        if not service.active:
            raise api.ServiceError("SERVICE_CLOSED", "counter.service_closed", "serviceId")
        at = _common.now()
        local = at.astimezone(api.zone(timezone))
        if appointment is None and not is_open(service, local):
            raise api.ServiceError("SERVICE_CLOSED", "counter.outside_hours", "serviceId")
        day = local.date()
        number = await _next_number(conn, service.id, day)
        if appointment is None and service.daily_walk_in_quota is not None:
            # Under the sequence row's lock (the UPDATE above): issuers of the service and day
            # count one after the other, and a refusal gives the number back.
            issued = await m.Ticket.filter(
                numbered_service_id=service.id, day=day, appointment_id=None
            ).count()
            if issued >= service.daily_walk_in_quota:
                raise api.ServiceError("QUOTA_REACHED", "counter.quota_reached", "serviceId")
        slot_at = appointment.slot_at if appointment and not late else None
        group = call_group(appointment.id if appointment else None, slot_at, priority, at)
        waiting = await m.Ticket.filter(
            site_id=service.site_id, day=day, status=m.WAITING
        ).values_list("service_id", "appointment_id", "slot_at", "priority")
        ahead = _ahead(waiting, service.id, group, at)
        ticket = await m.Ticket.create(
            site_id=service.site_id,
            service_id=service.id,
            numbered_service_id=service.id,
            day=day,
            number=number,
            code=ticket_code(service.prefix, number),
            priority=priority,
            priority_reason=priority_reason,
            channel=channel,
            party_name=party_name,
            appointment=appointment,
            slot_at=slot_at,
            issued_at=at,
            estimated_wait_minutes=_estimate_wait(service, ahead, counters),
        )
        await api.record(
            actor,
            "queueTicketIssue",
            ticket,
            after={"code": ticket.code, "priority": priority, "channel": channel},
        )
        counts: dict[str, int] = {str(service.id): 1}
        for sid, *_rest in waiting:
            counts[str(sid)] = counts.get(str(sid), 0) + 1
        await _publish(TICKET_ISSUED, ticket, waiting=counts)
        await ticket_issued(ticket, service)
    return ticket


async def issue_walk_in(
    actor: api.Actor,
    service_id: int,
    priority: str | None = None,
    priority_reason: str | None = None,
    *,
    channel: str = "kiosk",
    party_name: str = "",
) -> m.Ticket:
    """A walk-in's ticket, from the kiosk or a clerk (``channel``: "clerk", else "kiosk");
    no priority given is NORMAL."""
    return await issue_ticket(
        actor,
        service_id,
        priority or m.NORMAL,
        priority_reason,
        channel="clerk" if channel == "clerk" else "kiosk",
        party_name=party_name.strip(),
    )


async def _ticket(actor: api.Actor, ticket_id: int) -> m.Ticket:
    ticket = await m.Ticket.filter(id=ticket_id).first()
    if ticket is None or not actor.may_see_site(ticket.site_id):
        raise api.ServiceError("NOT_FOUND", "core.not_found", "ticketId")
    return ticket


async def _transition(
    actor: api.Actor,
    ticket_id: int,
    allowed: Sequence[str],
    operation: str,
    event: str,
    changes: dict[str, Any],
    audit: dict[str, Any] | None = None,
) -> m.Ticket:
    """Move a ticket between statuses with one conditional UPDATE.

    A ticket at a counter (called or in service) is handled by that counter's staff (or a
    manager) only.
    """
    ticket = await _ticket(actor, ticket_id)
    counter = None
    if ticket.counter_id is not None:
        counter = await m.Counter.filter(id=ticket.counter_id).first()
        if counter is not None and ticket.status in AT_COUNTER:
            _require_staff(actor, counter, "ticketId")
    if ticket.status not in allowed:
        raise api.ServiceError(
            "INVALID_TRANSITION", f"counter.ticket_is.{ticket.status}", "ticketId"
        )
    async with api.atomic():
        # Conditional on every column checked above (status, counter, service): a concurrent
        # change (the ticket transferred, or called at another counter meanwhile) makes it a
        # no-op.
        done = await m.Ticket.filter(
            id=ticket.id,
            status=ticket.status,
            counter_id=ticket.counter_id,
            service_id=ticket.service_id,
        ).update(**changes)
        if done != 1:
            raise api.ServiceError("INVALID_TRANSITION", "counter.invalid_transition", "ticketId")
        before = {"status": ticket.status}
        ticket = await m.Ticket.get(id=ticket.id)
        after = audit if audit is not None else changes
        await api.record(actor, operation, ticket, before=before, after=after)
        await _publish(event, ticket, counter if ticket.counter_id else None)
        await ticket_moved(ticket)
    return ticket


async def recall(actor: api.Actor, ticket_id: int) -> m.Ticket:
    """Call the same ticket again (the hall display shows it again)."""
    return await _transition(
        actor,
        ticket_id,
        ALLOWED_FROM["recall"],
        "queueTicketRecall",
        TICKET_CALLED,
        {"recalls": F("recalls") + 1},
        {"recall": True},
    )


async def no_show(actor: api.Actor, ticket_id: int) -> m.Ticket:
    return await _transition(
        actor,
        ticket_id,
        ALLOWED_FROM["no_show"],
        "queueTicketNoShow",
        TICKET_NO_SHOW,
        {"status": m.NO_SHOW, "finished_at": _common.now()},
    )


async def start_service(actor: api.Actor, ticket_id: int) -> m.Ticket:
    return await _transition(
        actor,
        ticket_id,
        ALLOWED_FROM["start_service"],
        "queueTicketServiceStart",
        TICKET_SERVICE_STARTED,
        {"status": m.IN_SERVICE, "service_started_at": _common.now()},
    )


async def finish_service(
    actor: api.Actor, ticket_id: int, outcome: str = "", resolved: bool = True
) -> m.Ticket:
    return await _transition(
        actor,
        ticket_id,
        ALLOWED_FROM["finish_service"],
        "queueTicketServiceFinish",
        TICKET_FINISHED,
        {"status": m.DONE, "finished_at": _common.now(), "outcome": outcome, "resolved": resolved},
    )


async def cancel_ticket(actor: api.Actor, ticket_id: int) -> m.Ticket:
    """A waiting ticket is withdrawn (the person left before being called)."""
    return await _transition(
        actor,
        ticket_id,
        ALLOWED_FROM["cancel"],
        "queueTicketCancel",
        TICKET_CANCELLED,
        {"status": m.CANCELLED, "finished_at": _common.now()},
    )


async def transfer(actor: api.Actor, ticket_id: int, service_id: int) -> m.Ticket:
    """Back to WAITING for another service, keeping its number and original issue time."""
    ticket = await _ticket(actor, ticket_id)
    target = await _service(actor, service_id)
    if target.site_id != ticket.site_id:
        raise api.ServiceError("NOT_FOUND", "core.not_found", "serviceId")
    if target.id == ticket.service_id:
        raise api.ServiceError("INVALID", "counter.same_service", "serviceId")
    return await _transition(
        actor,
        ticket_id,
        ALLOWED_FROM["transfer"],
        "queueTicketTransfer",
        TICKET_TRANSFERRED,
        {
            "service_id": target.id,
            "status": m.WAITING,
            "counter_id": None,
            "called_at": None,
            "service_started_at": None,
            "transfers": F("transfers") + 1,
        },
        {"service_id": target.id, "status": m.WAITING},
    )
