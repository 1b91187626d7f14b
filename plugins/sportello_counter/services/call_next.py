"""Which ticket a counter gets is the office's most argued-over policy: the documented order
and the code applying it sit together, apart from the ticket moves they rely on.

Call next: which ticket a counter gets
    Only the counter's staff (its staff party or staff user) or an actor with
    ``counter.manage`` may call for a counter (FORBIDDEN otherwise). A counter holds at most one
    ticket at a time: while a ticket of today is CALLED or IN_SERVICE at the counter, calling
    next is refused with COUNTER_BUSY (finish it, mark it no-show or transfer it first).

    Among the tickets WAITING today for the services of the counter, ordered by:

    1. tickets of appointments checked in on time whose slot time has come (slot_at <= now);
    2. PRIORITY tickets (pregnant, disabled, elderly, or no reason given);
    3. NORMAL tickets (and appointments checked in after the grace period: walk-ins);
    4. tickets of appointments checked in before their slot time (served early only when
       nobody else waits);

    each group by issue time (``issued_at``; a transferred ticket keeps the issue time of the
    original ticket, hence its place), then by id.

    Race safety: the whole call is one transaction that first locks the counter row
    (``SELECT ... FOR UPDATE`` on PostgreSQL, SQLite's single-connection transaction lock), so
    two calls for one counter run one after the other and the second sees the first's ticket
    (COUNTER_BUSY). The chosen ticket is taken with a single conditional
    ``UPDATE ... WHERE id = ? AND status = 'waiting' AND service_id = ? AND day = ?`` that
    checks every column the choice read: when it affects no row, another counter took it
    first or it was transferred to another service meanwhile, and the next candidate is
    tried. So two clerks never get the same ticket, and a counter never calls a ticket of a
    service it does not serve. The counter itself is read again under its lock (its services
    may have changed since).
"""

from __future__ import annotations

import datetime as dt

from sportello import api
from sportello_counter import models as m
from sportello_counter.services import _common
from sportello_counter.services._common import _aware, site_zone
from sportello_counter.services.catalogue import MANAGE, _counter, _require_staff
from sportello_counter.services.reminders import turn_near_for
from sportello_counter.services.tickets import AT_COUNTER, TICKET_CALLED, _publish, call_group
from sportello_counter.services.wait_clock import ticket_moved


def call_rank(ticket: m.Ticket, at: dt.datetime) -> tuple[int, dt.datetime, int]:
    """The documented call-next order (see the module docstring): lower goes first."""
    group = call_group(ticket.appointment_id, ticket.slot_at, ticket.priority, at)
    return (group, _aware(ticket.issued_at), ticket.id)


async def _lock_counter(counter_id: int) -> m.Counter | None:
    """Serialise calls for one counter (PostgreSQL row lock; SQLite's lock is global) and
    read it again under the lock: its services may have changed since the first read."""
    return await m.Counter.filter(id=counter_id).select_for_update().first()


async def call_next(actor: api.Actor, counter_id: int) -> tuple[m.Ticket, m.Counter]:
    """The best waiting ticket for the counter (see the module docstring for the rules)."""
    counter = await _counter(actor, counter_id)
    _require_staff(actor, counter, "counterId")
    tz = await site_zone(counter.site_id)
    # With a roster kept for the site (hr), a clerk off duty does not serve; managers may, and
    # so does a clerk a manager opened this counter for today against the roster.
    if not actor.has(MANAGE) and actor.user_id is not None:
        on_duty = await api.staff_on_duty(actor.user_id, counter.site_id, _common.now())
        overridden = counter.roster_override_user_id == actor.user_id and (
            counter.roster_override_day == _common.now().astimezone(tz).date()
        )
        if on_duty is False and not overridden:
            raise api.ServiceError("OFF_DUTY", "counter.off_duty", "counterId")
    if not counter.active or not counter.service_ids:
        raise api.ServiceError("QUEUE_EMPTY", "counter.queue_empty", "counterId")
    async with api.atomic():
        locked = await _lock_counter(counter.id)
        if locked is None or not locked.active or not locked.service_ids:
            raise api.ServiceError("QUEUE_EMPTY", "counter.queue_empty", "counterId")
        counter = locked
        _require_staff(actor, counter, "counterId")  # the staff may have changed too
        at = _common.now()
        day = at.astimezone(tz).date()
        busy = await m.Ticket.filter(counter_id=counter.id, status__in=AT_COUNTER, day=day).exists()
        if busy:
            raise api.ServiceError("COUNTER_BUSY", "counter.counter_busy", "counterId")
        for _attempt in range(20):
            candidates = await m.Ticket.filter(
                service_id__in=list(counter.service_ids), status=m.WAITING, day=day
            ).order_by("issued_at", "id")
            if not candidates:
                break
            candidates.sort(key=lambda t: call_rank(t, at))
            for candidate in candidates:
                # Conditional on every column the choice read: a ticket transferred to
                # another service meanwhile is still WAITING, but no longer for this counter.
                taken = await m.Ticket.filter(
                    id=candidate.id,
                    status=m.WAITING,
                    service_id=candidate.service_id,
                    site_id=counter.site_id,
                    day=day,
                ).update(
                    status=m.CALLED,
                    counter_id=counter.id,
                    called_at=at,
                    clerk_user_id=actor.user_id,
                    clerk_label=actor.label(),
                )
                if taken != 1:
                    continue  # another counter took it: try the next one
                ticket = await m.Ticket.get(id=candidate.id)
                await api.record(
                    actor,
                    "queueCallNext",
                    ticket,
                    after={"status": m.CALLED, "counter_id": counter.id},
                )
                await _publish(TICKET_CALLED, ticket, counter)
                await ticket_moved(ticket)
                await turn_near(counter.site_id, list(counter.service_ids), day, at)
                return ticket, counter
    raise api.ServiceError("QUEUE_EMPTY", "counter.queue_empty", "counterId")


async def turn_near(site_id: int, service_ids: list[int], day: dt.date, at: dt.datetime) -> None:
    """Tell the holders near the head of the queue (see the module docstring), once each."""
    limit = _common.settings().turn_near_ahead
    if limit <= 0:
        return
    waiting = await m.Ticket.filter(
        site_id=site_id, service_id__in=service_ids, status=m.WAITING, day=day
    )
    waiting.sort(key=lambda t: call_rank(t, at))
    for ahead, ticket in enumerate(waiting[: limit + 1]):
        if ticket.near_notified or ticket.appointment_id is None:
            continue
        marked = await m.Ticket.filter(id=ticket.id, near_notified=False).update(near_notified=True)
        if marked == 1:
            await turn_near_for(ticket, ahead)
