"""Counter business rules: services, counters, queue tickets, appointments, display, statistics.

Every write is transactional and audited; events are published inside the transaction.

Days are site-local
    A ticket's ``day``, its daily number, "today's" queue, the day filters of appointments and
    arrivals, and statistics by day use the local date of the site's time zone
    (``Site.timezone``, UTC when empty or unknown). Opening hours are local times.

Ticket numbers
    One ``counter_ticket_sequence`` row per (service, day); issuing a ticket runs
    ``UPDATE counter_ticket_sequence SET last_number = last_number + 1 WHERE id = ? RETURNING
    last_number`` inside the issuing transaction, so numbers are consecutive with no gap and no
    duplicate on SQLite and PostgreSQL (the row lock serialises issuers; a rolled back issue
    rolls back its number too). A UNIQUE (numbered_service, day, number) constraint backs it.
    Numbering starts again at 1 on each local day.

Walk-in tickets
    Only while the service takes tickets: active, not on one of its closed days, and the
    site-local time inside one of the day's opening ranges ``[start, end)`` (``"24:00"`` may end
    a range). Otherwise SERVICE_CLOSED. Checked-in appointments get their ticket whatever the
    hour (someone may arrive before opening for the first slot).

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
    ``UPDATE ... WHERE id = ? AND status = 'waiting'``: when it affects no row, another
    counter took it first and the next candidate is tried, so two clerks never get the same
    ticket.

Appointments
    Booking and rescheduling refuse a slot that has already started (SLOT_IN_PAST) and a slot
    that is not in the service's grid or is full (SLOT_UNAVAILABLE). Check-in happens on the
    slot's local day only: before it TOO_EARLY, after it TOO_LATE. An arrival more than
    ``late_grace_minutes`` (setting ``[modules.counter]``, default 15) after the slot start is
    served as a walk-in: the ticket stays linked to the appointment but carries no slot, so it
    ranks as a NORMAL ticket issued at check-in.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import secrets
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from tortoise.exceptions import IntegrityError
from tortoise.expressions import F, Q

from sportello.events import publish
from sportello.identity.audit import record
from sportello.parties.models import Party, Site
from sportello.privacy import ERASED, ErasureReport
from sportello.services import Actor, ServiceError, atomic
from sportello_counter import models as m
from sportello_counter.settings import CounterSettings
from sportello_reception import services as reception

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
DISPLAY_TOKEN_REVOKED = "counter.display_token.revoked"

#: The permission that lets an actor work at any counter of its sites.
MANAGE = "counter.manage"

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I

_settings = CounterSettings()


def configure(settings: CounterSettings | None) -> None:
    """Called at startup with the validated ``[modules.counter]`` table."""
    global _settings
    _settings = settings or CounterSettings()


def settings() -> CounterSettings:
    return _settings


def now() -> dt.datetime:
    """Current time (UTC); tests may monkeypatch it."""
    return dt.datetime.now(dt.UTC)


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def _tz(site: Site) -> ZoneInfo:
    return reception.zone(site.timezone)


async def site_zone(site_id: int) -> ZoneInfo:
    zones = await reception.site_zones([site_id])
    return zones.get(site_id, ZoneInfo("UTC"))


async def site_today(site_id: int) -> dt.date:
    """Today at the site (its local date)."""
    return now().astimezone(await site_zone(site_id)).date()


async def today_filter(site_ids: Iterable[int] | None, field_name: str = "day") -> Q:
    """Rows whose ``field_name`` is today at their own site (site-local dates)."""
    days = reception.local_days(await reception.site_zones(site_ids), now())
    if not days:
        return Q(id=-1)
    return Q(
        *(Q(site_id__in=sids, **{field_name: day}) for day, sids in days.items()), join_type="OR"
    )


async def local_day_filter(site_ids: Iterable[int] | None, day: dt.date, field_name: str) -> Q:
    """Rows whose datetime ``field_name`` falls on the local ``day`` of their site."""
    windows = reception.day_windows(await reception.site_zones(site_ids), day)
    if not windows:
        return Q(id=-1)
    return Q(
        *(
            Q(site_id__in=sids, **{f"{field_name}__gte": start, f"{field_name}__lt": end})
            for sids, start, end in windows
        ),
        join_type="OR",
    )


def _require_site(actor: Actor, site_id: int | None, field_name: str = "siteId") -> None:
    if not actor.may_see_site(site_id):
        raise ServiceError("NOT_FOUND", "core.not_found", field_name)


# ------------------------------------------------------------------------------ catalogue

END_OF_DAY = "24:00"


def _parse_time(value: str) -> dt.time:
    return dt.time.fromisoformat(value)


def _minute_of_day(value: str, *, end: bool = False) -> int:
    """Minutes since midnight of ``HH:MM``; ``24:00`` is accepted as the end of a range."""
    if end and value == END_OF_DAY:
        return 24 * 60
    t = _parse_time(value)
    return t.hour * 60 + t.minute


def _local(day: dt.date, value: str, tz: ZoneInfo) -> dt.datetime:
    """The local instant of ``HH:MM`` on ``day`` (``24:00`` = the next midnight)."""
    if value == END_OF_DAY:
        return dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min, tz)
    return dt.datetime.combine(day, _parse_time(value), tz)


def normalise_hours(hours: Any) -> dict[str, list[list[str]]]:
    """``{"0": [["08:30", "12:30"]]}`` (weekday 0 = Monday); raises INVALID on bad input."""
    if hours is not None and not isinstance(hours, dict):
        raise ServiceError("INVALID", "counter.invalid_hours", "openingHours")
    out: dict[str, list[list[str]]] = {}
    for key, ranges in (hours or {}).items():
        try:
            weekday = int(key)
            if not 0 <= weekday <= 6:
                raise ValueError
            cleaned = []
            for start, end in ranges:
                s, e = _minute_of_day(start), _minute_of_day(end, end=True)
                if e <= s:
                    raise ValueError
                cleaned.append([f"{s // 60:02d}:{s % 60:02d}", f"{e // 60:02d}:{e % 60:02d}"])
        except (TypeError, ValueError):
            raise ServiceError("INVALID", "counter.invalid_hours", "openingHours") from None
        out[str(weekday)] = sorted(cleaned)
    return out


def is_open(service: m.CounterService, local: dt.datetime) -> bool:
    """Whether the service takes walk-ins at the site-local time ``local``."""
    if not service.active or local.date().isoformat() in (service.closed_days or []):
        return False
    minute = local.hour * 60 + local.minute
    for start, end in (service.opening_hours or {}).get(str(local.weekday()), []):
        if _minute_of_day(start) <= minute < _minute_of_day(end, end=True):
            return True
    return False


def _check_minutes(service_minutes: int | None, target_wait_minutes: int | None) -> None:
    if service_minutes is not None and service_minutes < 1:
        raise ServiceError("INVALID", "counter.invalid_minutes", "serviceMinutes")
    if target_wait_minutes is not None and target_wait_minutes < 0:
        raise ServiceError("INVALID", "counter.invalid_minutes", "targetWaitMinutes")


async def create_service(
    actor: Actor,
    site_id: int,
    name: str,
    prefix: str,
    *,
    opening_hours: dict[str, Any] | None = None,
    closed_days: Iterable[dt.date] = (),
    service_minutes: int = 10,
    target_wait_minutes: int = 15,
) -> m.CounterService:
    _require_site(actor, site_id)
    prefix = prefix.strip().upper()
    name = _name(name, 200)
    if not prefix or not prefix.isalpha() or len(prefix) > 3:
        raise ServiceError("INVALID", "counter.invalid_prefix", "prefix")
    _check_minutes(service_minutes, target_wait_minutes)
    hours = normalise_hours(opening_hours)
    async with atomic():
        if not await Site.filter(id=site_id).exists():
            raise ServiceError("NOT_FOUND", "core.not_found", "siteId")
        if await m.CounterService.filter(site_id=site_id, prefix=prefix).exists():
            raise ServiceError("CONFLICT", "counter.prefix_taken", "prefix")
        service = await m.CounterService.create(
            site_id=site_id,
            name=name.strip(),
            prefix=prefix,
            opening_hours=hours,
            closed_days=sorted({d.isoformat() for d in closed_days}),
            service_minutes=service_minutes,
            target_wait_minutes=target_wait_minutes,
        )
        await record(actor, "counterServiceCreate", service, after={"name": name, "prefix": prefix})
    return service


SERVICE_FIELDS = (
    "name",
    "opening_hours",
    "closed_days",
    "service_minutes",
    "target_wait_minutes",
    "active",
)


async def update_service(
    actor: Actor,
    service_id: int,
    *,
    name: str | None = None,
    opening_hours: dict[str, Any] | None = None,
    closed_days: Iterable[dt.date] | None = None,
    service_minutes: int | None = None,
    target_wait_minutes: int | None = None,
    active: bool | None = None,
) -> m.CounterService:
    """Change what is given (None = keep). The prefix never changes: it is in printed numbers."""
    service = await _service(actor, service_id, "id")
    changes: dict[str, Any] = {}
    if name is not None:
        changes["name"] = _name(name, 200)
    _check_minutes(service_minutes, target_wait_minutes)
    if opening_hours is not None:
        changes["opening_hours"] = normalise_hours(opening_hours)
    if closed_days is not None:
        changes["closed_days"] = sorted({d.isoformat() for d in closed_days})
    if service_minutes is not None:
        changes["service_minutes"] = service_minutes
    if target_wait_minutes is not None:
        changes["target_wait_minutes"] = target_wait_minutes
    if active is not None:
        changes["active"] = active
    async with atomic():
        before = {k: getattr(service, k) for k in changes}
        if changes:
            await m.CounterService.filter(id=service.id).update(**changes)
        service = await m.CounterService.get(id=service.id)
        await record(actor, "counterServiceUpdate", service, before=before, after=changes)
    return service


async def _check_staff_party(staff_party_id: int | None) -> None:
    if (
        staff_party_id is not None
        and not await Party.filter(id=staff_party_id, anonymised_at=None).exists()
    ):
        raise ServiceError("NOT_FOUND", "core.not_found", "staffId")


async def _check_services(site_id: int, service_ids: Sequence[int]) -> list[int]:
    ids = sorted(set(service_ids))
    found = await m.CounterService.filter(id__in=ids, site_id=site_id).count()
    if found != len(ids):
        raise ServiceError("NOT_FOUND", "core.not_found", "serviceIds")
    return ids


async def create_counter(
    actor: Actor,
    site_id: int,
    name: str,
    service_ids: Sequence[int],
    staff_party_id: int | None = None,
    staff_user_id: int | None = None,
) -> m.Counter:
    _require_site(actor, site_id)
    name = _name(name, 100)
    try:
        async with atomic():
            if not await Site.filter(id=site_id).exists():
                raise ServiceError("NOT_FOUND", "core.not_found", "siteId")
            ids = await _check_services(site_id, service_ids)
            await _check_staff_party(staff_party_id)
            await _check_staff_user(staff_user_id)
            if await m.Counter.filter(site_id=site_id, name=name).exists():
                raise ServiceError("CONFLICT", "counter.name_taken", "name")
            counter = await m.Counter.create(
                site_id=site_id,
                name=name,
                service_ids=ids,
                staff_id=staff_party_id,
                staff_user_id=staff_user_id,
            )
            await record(actor, "counterCreate", counter, after={"name": name, "service_ids": ids})
    except IntegrityError:  # the only unique key: (site, name), taken by a concurrent request
        raise ServiceError("CONFLICT", "counter.name_taken", "name") from None
    return counter


def _name(name: str, limit: int) -> str:
    name = name.strip()
    if not name:
        raise ServiceError("REQUIRED", "core.required", "name")
    if len(name) > limit:
        raise ServiceError("INVALID", "parties.too_long", "name", max=limit)
    return name


async def _check_staff_user(user_id: int | None) -> None:
    from sportello.identity.models import User

    if user_id is not None and not await User.filter(id=user_id).exists():
        raise ServiceError("NOT_FOUND", "core.not_found", "staffUserId")


#: Marks an argument of ``update_counter`` as not given (None clears the staff).
KEEP: Any = object()


async def update_counter(
    actor: Actor,
    counter_id: int,
    *,
    name: str | None = None,
    service_ids: Sequence[int] | None = None,
    staff_party_id: int | None = KEEP,
    staff_user_id: int | None = KEEP,
    active: bool | None = None,
) -> m.Counter:
    """Change what is given; ``staff_party_id``/``staff_user_id`` None unassigns the staff."""
    counter = await _counter(actor, counter_id, "id")
    site_id: int = counter.site_id  # type: ignore[attr-defined]
    changes: dict[str, Any] = {}
    if name is not None:
        changes["name"] = _name(name, 100)
    try:
        async with atomic():
            if "name" in changes:
                taken = m.Counter.filter(site_id=site_id, name=changes["name"])
                if await taken.exclude(id=counter.id).exists():
                    raise ServiceError("CONFLICT", "counter.name_taken", "name")
            if service_ids is not None:
                changes["service_ids"] = await _check_services(site_id, service_ids)
            if staff_party_id is not KEEP:
                await _check_staff_party(staff_party_id)
                changes["staff_id"] = staff_party_id
            if staff_user_id is not KEEP:
                await _check_staff_user(staff_user_id)
                changes["staff_user_id"] = staff_user_id
            if active is not None:
                changes["active"] = active
            before = {k: getattr(counter, k) for k in changes}
            if changes:
                await m.Counter.filter(id=counter.id).update(**changes)
            counter = await m.Counter.get(id=counter.id)
            await record(actor, "counterUpdate", counter, before=before, after=changes)
    except IntegrityError:  # the only unique key: (site, name), taken by a concurrent request
        raise ServiceError("CONFLICT", "counter.name_taken", "name") from None
    return counter


async def _service(
    actor: Actor, service_id: int, field_name: str = "serviceId"
) -> m.CounterService:
    service = await m.CounterService.filter(id=service_id).first()
    if service is None or not actor.may_see_site(service.site_id):  # type: ignore[attr-defined]
        raise ServiceError("NOT_FOUND", "core.not_found", field_name)
    return service


async def _counter(actor: Actor, counter_id: int, field_name: str = "counterId") -> m.Counter:
    counter = await m.Counter.filter(id=counter_id).first()
    if counter is None or not actor.may_see_site(counter.site_id):  # type: ignore[attr-defined]
        raise ServiceError("NOT_FOUND", "core.not_found", field_name)
    return counter


def works_at(actor: Actor, counter: m.Counter) -> bool:
    """The counter's staff (party or user) and managers (``counter.manage``) work at it."""
    if actor.has(MANAGE):
        return True
    if counter.staff_user_id is not None and actor.user_id == counter.staff_user_id:
        return True
    staff = counter.staff_id  # type: ignore[attr-defined]
    return staff is not None and actor.party_id == staff


def _require_staff(actor: Actor, counter: m.Counter, field_name: str) -> None:
    if not works_at(actor, counter):
        raise ServiceError("FORBIDDEN", "counter.not_your_counter", field_name)


# ------------------------------------------------------------------------------ tickets


def _dialect(conn: Any) -> str:
    return getattr(getattr(conn, "capabilities", None), "dialect", "sqlite")


async def _sequence_row(service_id: int, day: dt.date) -> int:
    """The id of the (service, day) sequence row, created race-free (UNIQUE constraint)."""
    row = await m.TicketSequence.filter(service_id=service_id, day=day).first()
    if row is not None:
        return row.id
    try:
        async with atomic():
            row = await m.TicketSequence.create(service_id=service_id, day=day, last_number=0)
            return row.id
    except IntegrityError:
        row = await m.TicketSequence.get(service_id=service_id, day=day)
        return row.id


async def _next_number(conn: Any, sequence_id: int) -> int:
    """Increment and read the sequence in one statement, inside the caller's transaction."""
    mark = "$1" if _dialect(conn) == "postgres" else "?"
    rows = await conn.execute_query_dict(
        "UPDATE counter_ticket_sequence SET last_number = last_number + 1 "
        f"WHERE id = {mark} RETURNING last_number",
        [sequence_id],
    )
    return int(rows[0]["last_number"])


def ticket_code(prefix: str, number: int) -> str:
    return f"{prefix}{number:03d}"


async def waiting_counts(site_id: int) -> dict[str, int]:
    """Tickets waiting today (site-local) per service id (as strings, for event payloads)."""
    rows = await m.Ticket.filter(
        site_id=site_id, status=m.WAITING, day=await site_today(site_id)
    ).values_list("service_id", flat=True)
    counts: dict[str, int] = {}
    for sid in rows:
        counts[str(sid)] = counts.get(str(sid), 0) + 1
    return counts


async def _estimate_wait(service: m.CounterService, ahead: int) -> int:
    """Minutes: the tickets ahead times the service time, shared by the active counters."""
    counters = [
        c
        for c in await m.Counter.filter(site_id=service.site_id, active=True)  # type: ignore[attr-defined]
        if service.id in (c.service_ids or [])
    ]
    return math.ceil(ahead * service.service_minutes / max(1, len(counters)))


def _payload(ticket: m.Ticket, counter: m.Counter | None = None, **extra: Any) -> dict[str, Any]:
    return {
        "ticket_id": ticket.id,
        "number": ticket.code,
        "service_id": ticket.service_id,  # type: ignore[attr-defined]
        "status": ticket.status,
        "counter_id": counter.id if counter else ticket.counter_id,  # type: ignore[attr-defined]
        "counter_name": counter.name if counter else None,
        **extra,
    }


async def _publish(
    name: str, ticket: m.Ticket, counter: m.Counter | None = None, **extra: Any
) -> None:
    site_id = ticket.site_id  # type: ignore[attr-defined]
    await publish(
        name,
        _payload(ticket, counter, waiting=await waiting_counts(site_id), **extra),
        aggregate=f"ticket:{ticket.id}",
        site_id=site_id,
    )


async def issue_ticket(
    actor: Actor,
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
    service = await _service(actor, service_id)
    if priority not in (m.NORMAL, m.PRIORITY):
        raise ServiceError("INVALID", "counter.invalid_priority", "priority")
    if priority_reason is not None and priority_reason not in m.PRIORITY_REASONS:
        raise ServiceError("INVALID", "counter.invalid_priority", "priorityReason")
    if priority == m.NORMAL:
        priority_reason = None
    if not service.active:
        raise ServiceError("SERVICE_CLOSED", "counter.service_closed", "serviceId")
    at = now()
    local = at.astimezone(await site_zone(service.site_id))  # type: ignore[attr-defined]
    if appointment is None and not is_open(service, local):
        raise ServiceError("SERVICE_CLOSED", "counter.outside_hours", "serviceId")
    day = local.date()
    sequence_id = await _sequence_row(service.id, day)
    async with atomic() as conn:
        number = await _next_number(conn, sequence_id)
        ahead = await m.Ticket.filter(service_id=service.id, day=day, status=m.WAITING).count()
        ticket = await m.Ticket.create(
            site_id=service.site_id,  # type: ignore[attr-defined]
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
            slot_at=appointment.slot_at if appointment and not late else None,
            issued_at=at,
            estimated_wait_minutes=await _estimate_wait(service, ahead),
        )
        await record(
            actor,
            "queueTicketIssue",
            ticket,
            after={"code": ticket.code, "priority": priority, "channel": channel},
        )
        await _publish(TICKET_ISSUED, ticket)
    return ticket


def call_rank(ticket: m.Ticket, at: dt.datetime) -> tuple[int, dt.datetime, int]:
    """The documented call-next order (see the module docstring): lower goes first."""
    if ticket.appointment_id is not None and ticket.slot_at is not None:  # type: ignore[attr-defined]
        group = 0 if _aware(ticket.slot_at) <= at else 3
    elif ticket.priority == m.PRIORITY:
        group = 1
    else:
        group = 2
    return (group, _aware(ticket.issued_at), ticket.id)


async def _lock_counter(counter_id: int) -> None:
    """Serialise calls for one counter (PostgreSQL row lock; SQLite's lock is global)."""
    await m.Counter.filter(id=counter_id).select_for_update().first()


async def call_next(actor: Actor, counter_id: int) -> tuple[m.Ticket, m.Counter]:
    """The best waiting ticket for the counter (see the module docstring for the rules)."""
    counter = await _counter(actor, counter_id)
    _require_staff(actor, counter, "counterId")
    if not counter.active or not counter.service_ids:
        raise ServiceError("QUEUE_EMPTY", "counter.queue_empty", "counterId")
    tz = await site_zone(counter.site_id)  # type: ignore[attr-defined]
    async with atomic():
        await _lock_counter(counter.id)
        at = now()
        day = at.astimezone(tz).date()
        busy = await m.Ticket.filter(
            counter_id=counter.id, status__in=(m.CALLED, m.IN_SERVICE), day=day
        ).exists()
        if busy:
            raise ServiceError("COUNTER_BUSY", "counter.counter_busy", "counterId")
        for _attempt in range(20):
            candidates = await m.Ticket.filter(
                service_id__in=list(counter.service_ids), status=m.WAITING, day=day
            ).order_by("issued_at", "id")
            if not candidates:
                break
            candidates.sort(key=lambda t: call_rank(t, at))
            for candidate in candidates:
                taken = await m.Ticket.filter(id=candidate.id, status=m.WAITING).update(
                    status=m.CALLED,
                    counter_id=counter.id,
                    called_at=at,
                    clerk_user_id=actor.user_id,
                    clerk_label=actor.label(),
                )
                if taken != 1:
                    continue  # another counter took it: try the next one
                ticket = await m.Ticket.get(id=candidate.id)
                await record(
                    actor,
                    "queueCallNext",
                    ticket,
                    after={"status": m.CALLED, "counter_id": counter.id},
                )
                await _publish(TICKET_CALLED, ticket, counter)
                return ticket, counter
    raise ServiceError("QUEUE_EMPTY", "counter.queue_empty", "counterId")


async def _ticket(actor: Actor, ticket_id: int) -> m.Ticket:
    ticket = await m.Ticket.filter(id=ticket_id).first()
    if ticket is None or not actor.may_see_site(ticket.site_id):  # type: ignore[attr-defined]
        raise ServiceError("NOT_FOUND", "core.not_found", "ticketId")
    return ticket


async def _transition(
    actor: Actor,
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
    if ticket.counter_id is not None:  # type: ignore[attr-defined]
        counter = await m.Counter.filter(id=ticket.counter_id).first()  # type: ignore[attr-defined]
        if counter is not None and ticket.status in (m.CALLED, m.IN_SERVICE):
            _require_staff(actor, counter, "ticketId")
    if ticket.status not in allowed:
        raise ServiceError("INVALID_TRANSITION", "counter.invalid_transition", "ticketId")
    async with atomic():
        # Conditional on the status and counter checked above: a concurrent change (the ticket
        # transferred and called at another counter meanwhile) makes it a no-op.
        done = await m.Ticket.filter(
            id=ticket.id,
            status=ticket.status,
            counter_id=ticket.counter_id,  # type: ignore[attr-defined]
        ).update(**changes)
        if done != 1:
            raise ServiceError("INVALID_TRANSITION", "counter.invalid_transition", "ticketId")
        before = {"status": ticket.status}
        ticket = await m.Ticket.get(id=ticket.id)
        after = audit if audit is not None else changes
        await record(actor, operation, ticket, before=before, after=after)
        await _publish(event, ticket, counter if ticket.counter_id else None)  # type: ignore[attr-defined]
    return ticket


async def recall(actor: Actor, ticket_id: int) -> m.Ticket:
    """Call the same ticket again (the hall display shows it again)."""
    return await _transition(
        actor,
        ticket_id,
        (m.CALLED,),
        "queueTicketRecall",
        TICKET_CALLED,
        {"recalls": F("recalls") + 1},
        {"recall": True},
    )


async def no_show(actor: Actor, ticket_id: int) -> m.Ticket:
    return await _transition(
        actor,
        ticket_id,
        (m.CALLED,),
        "queueTicketNoShow",
        TICKET_NO_SHOW,
        {"status": m.NO_SHOW, "finished_at": now()},
    )


async def start_service(actor: Actor, ticket_id: int) -> m.Ticket:
    return await _transition(
        actor,
        ticket_id,
        (m.CALLED,),
        "queueTicketServiceStart",
        TICKET_SERVICE_STARTED,
        {"status": m.IN_SERVICE, "service_started_at": now()},
    )


async def finish_service(
    actor: Actor, ticket_id: int, outcome: str = "", resolved: bool = True
) -> m.Ticket:
    return await _transition(
        actor,
        ticket_id,
        (m.IN_SERVICE,),
        "queueTicketServiceFinish",
        TICKET_FINISHED,
        {"status": m.DONE, "finished_at": now(), "outcome": outcome, "resolved": resolved},
    )


async def cancel_ticket(actor: Actor, ticket_id: int) -> m.Ticket:
    """A waiting ticket is withdrawn (the person left before being called)."""
    return await _transition(
        actor,
        ticket_id,
        (m.WAITING,),
        "queueTicketCancel",
        TICKET_CANCELLED,
        {"status": m.CANCELLED, "finished_at": now()},
    )


async def transfer(actor: Actor, ticket_id: int, service_id: int) -> m.Ticket:
    """Back to WAITING for another service, keeping its number and original issue time."""
    ticket = await _ticket(actor, ticket_id)
    target = await _service(actor, service_id)
    if target.site_id != ticket.site_id:  # type: ignore[attr-defined]
        raise ServiceError("NOT_FOUND", "core.not_found", "serviceId")
    if target.id == ticket.service_id:  # type: ignore[attr-defined]
        raise ServiceError("INVALID", "counter.same_service", "serviceId")
    return await _transition(
        actor,
        ticket_id,
        (m.WAITING, m.CALLED, m.IN_SERVICE),
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


# ------------------------------------------------------------------------------ appointments


def _day_windows(
    service: m.CounterService, day: dt.date, tz: ZoneInfo
) -> list[tuple[dt.datetime, dt.datetime]]:
    if day.isoformat() in (service.closed_days or []):
        return []
    ranges = (service.opening_hours or {}).get(str(day.weekday()), [])
    return [(_local(day, start, tz), _local(day, end, tz)) for start, end in ranges]


@dataclass
class Slot:
    start: dt.datetime
    end: dt.datetime
    capacity: int
    booked: int
    #: The slot has started: it can no longer be booked.
    past: bool = False

    @property
    def available(self) -> int:
        return 0 if self.past else max(0, self.capacity - self.booked)


async def slots(actor: Actor, service_id: int, day: dt.date) -> list[Slot]:
    """Slots of ``service_minutes`` inside the opening hours, one place per serving counter."""
    service = await _service(actor, service_id)
    site = await Site.get(id=service.site_id)  # type: ignore[attr-defined]
    return await _slots(service, site, day)


async def _slots(service: m.CounterService, site: Site, day: dt.date) -> list[Slot]:
    windows = _day_windows(service, day, _tz(site))
    if not windows:
        return []
    capacity = len(
        [
            c
            for c in await m.Counter.filter(site_id=service.site_id, active=True)  # type: ignore[attr-defined]
            if service.id in (c.service_ids or [])
        ]
    )
    if capacity == 0:
        return []
    step = dt.timedelta(minutes=service.service_minutes)
    first, last = windows[0][0], windows[-1][1]
    taken: dict[dt.datetime, int] = {}
    for appt in await m.Appointment.filter(
        service_id=service.id,
        status__in=(m.BOOKED, m.CHECKED_IN),
        slot_at__gte=first,
        slot_at__lt=last,
    ):
        key = _aware(appt.slot_at)
        taken[key] = taken.get(key, 0) + 1
    at_now = now()
    out = []
    for start, end in windows:
        at = start
        while at + step <= end:
            utc = at.astimezone(dt.UTC)
            out.append(
                Slot(
                    utc,
                    (at + step).astimezone(dt.UTC),
                    capacity,
                    taken.get(utc, 0),
                    past=utc < at_now,
                )
            )
            at += step
    return out


def _new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))


async def _check_slot(service: m.CounterService, slot_at: dt.datetime, exclude: int | None) -> None:
    slot_at = _aware(slot_at).astimezone(dt.UTC)
    if slot_at < now():
        raise ServiceError("SLOT_IN_PAST", "counter.slot_in_past", "slotAt")
    site = await Site.get(id=service.site_id)  # type: ignore[attr-defined]
    local_day = slot_at.astimezone(_tz(site)).date()
    for slot in await _slots(service, site, local_day):
        if slot.start == slot_at:
            booked = slot.booked
            if exclude is not None:
                other = await m.Appointment.filter(id=exclude, slot_at=slot_at).exists()
                booked -= 1 if other else 0
            if booked >= slot.capacity:
                raise ServiceError("SLOT_UNAVAILABLE", "counter.slot_unavailable", "slotAt")
            return
    raise ServiceError("SLOT_UNAVAILABLE", "counter.slot_unavailable", "slotAt")


async def _lock_service(service_id: int) -> None:
    """Serialise bookings of one service (PostgreSQL row lock; SQLite's lock is global)."""
    await m.CounterService.filter(id=service_id).select_for_update().first()


async def book(
    actor: Actor,
    service_id: int,
    slot_at: dt.datetime,
    party_name: str,
    party_id: int | None = None,
) -> m.Appointment:
    service = await _service(actor, service_id)
    if not party_name.strip():
        raise ServiceError("REQUIRED", "core.required", "partyName")
    async with atomic():
        await _lock_service(service.id)
        await _check_slot(service, slot_at, None)
        if party_id is not None and not await Party.filter(id=party_id).exists():
            raise ServiceError("NOT_FOUND", "core.not_found", "partyId")
        appt = await m.Appointment.create(
            site_id=service.site_id,  # type: ignore[attr-defined]
            service_id=service.id,
            party_id=party_id,
            party_name=party_name.strip(),
            code=_new_code(),
            slot_at=_aware(slot_at).astimezone(dt.UTC),
        )
        await record(
            actor, "appointmentBook", appt, after={"slot_at": appt.slot_at, "code": appt.code}
        )
    return appt


async def _appointment(actor: Actor, appointment_id: int | None, code: str | None) -> m.Appointment:
    qs = m.Appointment.all()
    if appointment_id is not None:
        qs = qs.filter(id=appointment_id)
    elif code:
        qs = qs.filter(code=code.strip().upper())
    else:
        raise ServiceError("REQUIRED", "core.required", "code")
    appt = await qs.first()
    if appt is None or not actor.may_see_site(appt.site_id):  # type: ignore[attr-defined]
        raise ServiceError("NOT_FOUND", "core.not_found", "code" if code else "id")
    return appt


async def cancel_appointment(
    actor: Actor, appointment_id: int | None = None, code: str | None = None
) -> m.Appointment:
    appt = await _appointment(actor, appointment_id, code)
    async with atomic():
        done = await m.Appointment.filter(id=appt.id, status=m.BOOKED).update(
            status=m.APPOINTMENT_CANCELLED
        )
        if done != 1:
            raise ServiceError("INVALID_TRANSITION", "counter.invalid_transition", "id")
        await record(actor, "appointmentCancel", appt, before={"status": appt.status})
    return await m.Appointment.get(id=appt.id)


async def reschedule(
    actor: Actor, slot_at: dt.datetime, appointment_id: int | None = None, code: str | None = None
) -> m.Appointment:
    appt = await _appointment(actor, appointment_id, code)
    if appt.status != m.BOOKED:
        raise ServiceError("INVALID_TRANSITION", "counter.invalid_transition", "id")
    service = await m.CounterService.get(id=appt.service_id)  # type: ignore[attr-defined]
    async with atomic():
        await _lock_service(service.id)
        await _check_slot(service, slot_at, appt.id)
        before = {"slot_at": appt.slot_at}
        appt.slot_at = _aware(slot_at).astimezone(dt.UTC)
        await appt.save(update_fields=["slot_at"])
        await record(
            actor, "appointmentReschedule", appt, before=before, after={"slot_at": appt.slot_at}
        )
    return appt


async def check_in(
    actor: Actor, appointment_id: int | None = None, code: str | None = None
) -> tuple[m.Appointment, m.Ticket]:
    """The citizen arrived: a ticket ahead of walk-ins once the slot is due, on time.

    Only on the slot's site-local day (TOO_EARLY before, TOO_LATE after). Later than
    ``late_grace_minutes`` after the slot start, the ticket ranks as a walk-in.
    """
    appt = await _appointment(actor, appointment_id, code)
    if appt.status != m.BOOKED:
        raise ServiceError("INVALID_TRANSITION", "counter.invalid_transition", "id")
    tz = await site_zone(appt.site_id)  # type: ignore[attr-defined]
    at = now()
    slot = _aware(appt.slot_at)
    slot_day, today = slot.astimezone(tz).date(), at.astimezone(tz).date()
    if slot_day > today:
        raise ServiceError("TOO_EARLY", "counter.too_early", "id")
    if slot_day < today:
        raise ServiceError("TOO_LATE", "counter.too_late", "id")
    late = at > slot + dt.timedelta(minutes=_settings.late_grace_minutes)
    async with atomic():
        done = await m.Appointment.filter(id=appt.id, status=m.BOOKED).update(
            status=m.CHECKED_IN, checked_in_at=at
        )
        if done != 1:
            raise ServiceError("INVALID_TRANSITION", "counter.invalid_transition", "id")
        appt = await m.Appointment.get(id=appt.id)
        ticket = await issue_ticket(
            actor,
            appt.service_id,  # type: ignore[attr-defined]
            channel="appointment",
            party_name=appt.party_name,
            appointment=appt,
            late=late,
        )
        await record(actor, "appointmentCheckIn", appt, after={"ticket": ticket.code, "late": late})
    return appt, ticket


# ------------------------------------------------------------------------------ display


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


async def create_display_token(
    actor: Actor, site_id: int, label: str = ""
) -> tuple[str, m.DisplayToken]:
    """A new display token; the raw value is returned once and stored only as a digest."""
    _require_site(actor, site_id)
    async with atomic():
        if not await Site.filter(id=site_id).exists():
            raise ServiceError("NOT_FOUND", "core.not_found", "siteId")
        raw = "disp_" + secrets.token_urlsafe(32)
        token = await m.DisplayToken.create(site_id=site_id, digest=_digest(raw), label=label)
        await record(actor, "displayTokenCreate", token, after={"label": label})
    return raw, token


async def revoke_display_token(actor: Actor, token_id: int) -> m.DisplayToken:
    """Revoke a display token: hall displays using it stop (``counter.display_token.revoked``)."""
    token = await m.DisplayToken.filter(id=token_id).first()
    if token is None or not actor.may_see_site(token.site_id):  # type: ignore[attr-defined]
        raise ServiceError("NOT_FOUND", "core.not_found", "id")
    async with atomic():
        done = await m.DisplayToken.filter(id=token.id, revoked=False).update(revoked=True)
        if done != 1:
            raise ServiceError("INVALID_TRANSITION", "counter.token_revoked", "id")
        token = await m.DisplayToken.get(id=token.id)
        await record(
            actor, "displayTokenRevoke", token, before={"revoked": False}, after={"revoked": True}
        )
        await publish(
            DISPLAY_TOKEN_REVOKED,
            {"token_id": token.id},
            aggregate=f"display_token:{token.id}",
            site_id=token.site_id,  # type: ignore[attr-defined]
        )
    return token


async def display_token(raw: str | None) -> tuple[int, int] | None:
    """(token id, site id) of a valid display token, or None when unknown or revoked."""
    if not raw:
        return None
    token = await m.DisplayToken.filter(digest=_digest(raw), revoked=False).first()
    return (token.id, token.site_id) if token else None  # type: ignore[attr-defined]


async def display_site(raw: str | None) -> int | None:
    """The site a display token is scoped to, or None when it is unknown or revoked."""
    found = await display_token(raw)
    return found[1] if found else None


async def display_token_valid(token_id: int) -> bool:
    return await m.DisplayToken.filter(id=token_id, revoked=False).exists()


# ------------------------------------------------------------------------------ statistics


def p90(values: Sequence[float]) -> float | None:
    """Nearest-rank 90th percentile."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.9 * len(ordered)) - 1)]


@dataclass
class StatRow:
    key: str
    label: str
    day: dt.date | None = None
    service_id: int | None = None
    counter_id: int | None = None
    clerk_user_id: int | None = None
    tickets: int = 0
    served: int = 0
    no_shows: int = 0
    waits: list[float] = field(default_factory=list)
    services: list[float] = field(default_factory=list)
    within_target: int = 0

    @property
    def wait_mean(self) -> float | None:
        return round(statistics.fmean(self.waits), 2) if self.waits else None

    @property
    def wait_p90(self) -> float | None:
        value = p90(self.waits)
        return None if value is None else round(value, 2)

    @property
    def service_mean(self) -> float | None:
        return round(statistics.fmean(self.services), 2) if self.services else None

    @property
    def service_p90(self) -> float | None:
        value = p90(self.services)
        return None if value is None else round(value, 2)

    @property
    def within_target_share(self) -> float | None:
        return round(self.within_target / len(self.waits), 4) if self.waits else None


@dataclass
class Statistics:
    by_day: list[StatRow]
    by_service: list[StatRow]
    by_counter: list[StatRow]
    by_clerk: list[StatRow]
    total: StatRow


def _minutes(start: dt.datetime | None, end: dt.datetime | None) -> float | None:
    if start is None or end is None:
        return None
    return (_aware(end) - _aware(start)).total_seconds() / 60


async def compute_statistics(
    actor: Actor, site_id: int, start: dt.date, end: dt.date
) -> Statistics:
    """Tickets issued from ``start`` to ``end`` (both included).

    Waiting time: issue to call (a transferred ticket: to its call at the new service, from
    its original issue time); service time: service start
    to finish; no-shows: tickets marked no-show; within target: share of called tickets whose
    wait was at most the service's target. p90 is the nearest-rank 90th percentile (minutes).
    """
    _require_site(actor, site_id)
    if end < start:
        raise ServiceError("INVALID", "counter.invalid_range", "to")
    services_by_id = {s.id: s for s in await m.CounterService.filter(site_id=site_id)}
    counters = {c.id: c for c in await m.Counter.filter(site_id=site_id)}
    tickets = await m.Ticket.filter(site_id=site_id, day__gte=start, day__lte=end).order_by("id")
    total = StatRow("total", "total")
    groups: dict[str, dict[Any, StatRow]] = {"day": {}, "service": {}, "counter": {}, "clerk": {}}
    for t in tickets:
        service = services_by_id.get(t.service_id)  # type: ignore[attr-defined]
        keys: list[tuple[str, Any, StatRow]] = []
        keys.append(("day", t.day, StatRow(t.day.isoformat(), t.day.isoformat(), day=t.day)))
        keys.append(
            (
                "service",
                t.service_id,  # type: ignore[attr-defined]
                StatRow(
                    str(t.service_id),  # type: ignore[attr-defined]
                    service.name if service else "",
                    service_id=t.service_id,  # type: ignore[attr-defined]
                ),
            )
        )
        if t.counter_id is not None:  # type: ignore[attr-defined]
            counter = counters.get(t.counter_id)  # type: ignore[attr-defined]
            keys.append(
                (
                    "counter",
                    t.counter_id,  # type: ignore[attr-defined]
                    StatRow(
                        str(t.counter_id),  # type: ignore[attr-defined]
                        counter.name if counter else "",
                        counter_id=t.counter_id,  # type: ignore[attr-defined]
                    ),
                )
            )
        if t.clerk_user_id is not None:
            # Keyed by user: a clerk whose e-mail (label) changed stays one row.
            keys.append(
                (
                    "clerk",
                    t.clerk_user_id,
                    StatRow(str(t.clerk_user_id), t.clerk_label, clerk_user_id=t.clerk_user_id),
                )
            )
        elif t.clerk_label:  # called by a service account or the system: by label
            keys.append(("clerk", f"label:{t.clerk_label}", StatRow(t.clerk_label, t.clerk_label)))
        rows = [total] + [groups[g].setdefault(k, row) for g, k, row in keys]
        if t.clerk_user_id is not None and t.clerk_label:
            groups["clerk"][t.clerk_user_id].label = t.clerk_label  # the latest label
        wait = _minutes(t.issued_at, t.called_at)
        served = _minutes(t.service_started_at, t.finished_at) if t.status == m.DONE else None
        target = service.target_wait_minutes if service else 0
        for row in rows:
            row.tickets += 1
            if t.status == m.NO_SHOW:
                row.no_shows += 1
            if t.status == m.DONE:
                row.served += 1
            if wait is not None:
                row.waits.append(wait)
                if wait <= target:
                    row.within_target += 1
            if served is not None:
                row.services.append(served)

    def ordered(name: str) -> list[StatRow]:
        return [groups[name][k] for k in sorted(groups[name], key=str)]

    by_clerk = sorted(groups["clerk"].values(), key=lambda r: (r.label, r.key))

    return Statistics(ordered("day"), ordered("service"), ordered("counter"), by_clerk, total)


# ------------------------------------------------------------------------------ reception hooks


async def arrivals_for_hook(site_ids: frozenset[int] | None, day: dt.date) -> list[Any]:
    """Walk-in tickets of the site-local ``day`` and appointments whose slot falls on it."""
    tickets = m.Ticket.filter(day=day, appointment_id=None)
    appts = m.Appointment.filter(await local_day_filter(site_ids, day, "slot_at")).exclude(
        status=m.APPOINTMENT_CANCELLED
    )
    if site_ids is not None:
        tickets = tickets.filter(site_id__in=list(site_ids))
    return [*await tickets, *await appts]


async def present_for_hook(site_ids: frozenset[int] | None) -> list[Any]:
    """Ticket holders in the hall: waiting, called or being served today (site-local)."""
    qs = m.Ticket.filter(await today_filter(site_ids), status__in=m.PRESENT)
    return list(await qs)


# ------------------------------------------------------------------------------ personal data

#: Why the counter keeps anonymised rows after an erasure.
STATISTICS = "Anonymous service statistics: times and outcomes without the person"


async def party_data(party_id: int) -> dict[str, Any]:
    """The party's appointments (linked by ``party``) and the tickets they were served with."""
    appts = await m.Appointment.filter(party_id=party_id).order_by("slot_at", "id")
    services = {
        s.id: s.name
        for s in await m.CounterService.filter(id__in={a.service_id for a in appts})  # type: ignore[attr-defined]
    }
    tickets = await m.Ticket.filter(appointment_id__in=[a.id for a in appts]).order_by("id")
    return {
        "appointments": [
            {
                "id": a.id,
                "code": a.code,
                "service": services.get(a.service_id, ""),  # type: ignore[attr-defined]
                "party_name": a.party_name,
                "slot_at": a.slot_at.isoformat(),
                "status": a.status,
                "checked_in_at": a.checked_in_at.isoformat() if a.checked_in_at else None,
            }
            for a in appts
        ],
        "tickets": [
            {
                "appointment_id": t.appointment_id,  # type: ignore[attr-defined]
                "number": t.code,
                "day": t.day.isoformat(),
                "party_name": t.party_name,
                "status": t.status,
                "issued_at": t.issued_at.isoformat(),
                "called_at": t.called_at.isoformat() if t.called_at else None,
                "finished_at": t.finished_at.isoformat() if t.finished_at else None,
                "outcome": t.outcome,
                "resolved": t.resolved,
            }
            for t in tickets
        ],
    }


async def party_erase(party_id: int) -> ErasureReport:
    """Anonymise in place (runs in the caller's transaction).

    The party's name goes from its appointments and from the tickets issued for them, and so
    does the free-text outcome of those tickets. Slots, statuses and times stay: statistics
    are about the service, not the person.
    """
    erased: set[str] = set()
    async with atomic():
        appt_ids = await m.Appointment.filter(party_id=party_id).values_list("id", flat=True)
        if appt_ids:
            await m.Appointment.filter(id__in=appt_ids).update(party_name=ERASED)
            erased.add("counter_appointment.party_name")
            tickets = m.Ticket.filter(appointment_id__in=list(appt_ids))
            if await tickets.update(party_name=ERASED):
                erased.add("counter_ticket.party_name")
            if await tickets.exclude(outcome="").update(outcome=""):
                erased.add("counter_ticket.outcome")
    return ErasureReport(
        "counter",
        erased=tuple(sorted(erased)),
        retained={
            "counter_appointment.slot_at": STATISTICS,
            "counter_ticket.issued_at": STATISTICS,
            "counter_ticket.resolved": STATISTICS,
        },
    )
