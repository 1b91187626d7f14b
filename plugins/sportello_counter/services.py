"""Counter business rules: services, counters, queue tickets, appointments, display, statistics.

Every write is transactional and audited; events are published inside the transaction.

Ticket numbers
    One ``counter_ticket_sequence`` row per (service, day); issuing a ticket runs
    ``UPDATE counter_ticket_sequence SET last_number = last_number + 1 WHERE id = ? RETURNING
    last_number`` inside the issuing transaction, so numbers are consecutive with no gap and no
    duplicate on SQLite and PostgreSQL (the row lock serialises issuers; a rolled back issue
    rolls back its number too). A UNIQUE (numbered_service, day, number) constraint backs it.

Call next: which ticket a counter gets
    Among the tickets WAITING today for the services of the counter, ordered by:

    1. tickets of checked-in appointments whose slot time has come (slot_at <= now);
    2. PRIORITY tickets (pregnant, disabled, elderly);
    3. NORMAL tickets;
    4. tickets of appointments checked in before their slot time (served early only when
       nobody else waits);

    each group by issue time (``issued_at``; a transferred ticket keeps the issue time of the
    original ticket, hence its place), then by id. The chosen ticket is taken with a single
    conditional ``UPDATE ... WHERE id = ? AND status = 'waiting'``: when it affects no row,
    another clerk took it first and the next candidate is tried, so two clerks never get the
    same ticket (PostgreSQL row locks, SQLite's single-connection transaction lock).
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
from tortoise.expressions import F

from sportello.events import publish
from sportello.identity.audit import record
from sportello.parties.models import Party, Site
from sportello.services import Actor, ServiceError, atomic
from sportello_counter import models as m

TICKET_ISSUED = "counter.ticket.issued"
TICKET_CALLED = "counter.ticket.called"
TICKET_NO_SHOW = "counter.ticket.no_show"
TICKET_SERVICE_STARTED = "counter.ticket.service_started"
TICKET_FINISHED = "counter.ticket.finished"
TICKET_TRANSFERRED = "counter.ticket.transferred"
EVENTS = (
    TICKET_ISSUED,
    TICKET_CALLED,
    TICKET_NO_SHOW,
    TICKET_SERVICE_STARTED,
    TICKET_FINISHED,
    TICKET_TRANSFERRED,
)

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I


def now() -> dt.datetime:
    """Current time (UTC); tests may monkeypatch it."""
    return dt.datetime.now(dt.UTC)


def today() -> dt.date:
    return now().date()


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def _tz(site: Site) -> ZoneInfo:
    try:
        return ZoneInfo(site.timezone or "UTC")
    except Exception:
        return ZoneInfo("UTC")


def _require_site(actor: Actor, site_id: int | None, field_name: str = "siteId") -> None:
    if not actor.may_see_site(site_id):
        raise ServiceError("NOT_FOUND", "core.not_found", field_name)


# ------------------------------------------------------------------------------ catalogue


def _parse_time(value: str) -> dt.time:
    return dt.time.fromisoformat(value)


def normalise_hours(hours: dict[str, Any] | None) -> dict[str, list[list[str]]]:
    """``{"0": [["08:30", "12:30"]]}`` (weekday 0 = Monday); raises INVALID on bad input."""
    out: dict[str, list[list[str]]] = {}
    for key, ranges in (hours or {}).items():
        try:
            weekday = int(key)
            if not 0 <= weekday <= 6:
                raise ValueError
            cleaned = []
            for start, end in ranges:
                s, e = _parse_time(start), _parse_time(end)
                if e <= s:
                    raise ValueError
                cleaned.append([s.strftime("%H:%M"), e.strftime("%H:%M")])
        except (TypeError, ValueError):
            raise ServiceError("INVALID", "counter.invalid_hours", "openingHours") from None
        out[str(weekday)] = sorted(cleaned)
    return out


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
    if not name.strip():
        raise ServiceError("REQUIRED", "core.required", "name")
    if not prefix or not prefix.isalpha() or len(prefix) > 3:
        raise ServiceError("INVALID", "counter.invalid_prefix", "prefix")
    if service_minutes < 1:
        raise ServiceError("INVALID", "counter.invalid_minutes", "serviceMinutes")
    if target_wait_minutes < 0:
        raise ServiceError("INVALID", "counter.invalid_minutes", "targetWaitMinutes")
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


async def create_counter(
    actor: Actor,
    site_id: int,
    name: str,
    service_ids: Sequence[int],
    staff_party_id: int | None = None,
    staff_user_id: int | None = None,
) -> m.Counter:
    _require_site(actor, site_id)
    if not name.strip():
        raise ServiceError("REQUIRED", "core.required", "name")
    async with atomic():
        if not await Site.filter(id=site_id).exists():
            raise ServiceError("NOT_FOUND", "core.not_found", "siteId")
        ids = sorted(set(service_ids))
        found = await m.CounterService.filter(id__in=ids, site_id=site_id).count()
        if found != len(ids):
            raise ServiceError("NOT_FOUND", "core.not_found", "serviceIds")
        if staff_party_id is not None and not await Party.filter(id=staff_party_id).exists():
            raise ServiceError("NOT_FOUND", "core.not_found", "staffId")
        if await m.Counter.filter(site_id=site_id, name=name.strip()).exists():
            raise ServiceError("CONFLICT", "counter.name_taken", "name")
        counter = await m.Counter.create(
            site_id=site_id,
            name=name.strip(),
            service_ids=ids,
            staff_id=staff_party_id,
            staff_user_id=staff_user_id,
        )
        await record(actor, "counterCreate", counter, after={"name": name, "service_ids": ids})
    return counter


async def _service(
    actor: Actor, service_id: int, field_name: str = "serviceId"
) -> m.CounterService:
    service = await m.CounterService.filter(id=service_id).first()
    if service is None or not actor.may_see_site(service.site_id):
        raise ServiceError("NOT_FOUND", "core.not_found", field_name)
    return service


async def _counter(actor: Actor, counter_id: int) -> m.Counter:
    counter = await m.Counter.filter(id=counter_id).first()
    if counter is None or not actor.may_see_site(counter.site_id):
        raise ServiceError("NOT_FOUND", "core.not_found", "counterId")
    return counter


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
    """Tickets waiting today per service id (as strings, for event payloads)."""
    rows = await m.Ticket.filter(site_id=site_id, status=m.WAITING, day=today()).values_list(
        "service_id", flat=True
    )
    counts: dict[str, int] = {}
    for sid in rows:
        counts[str(sid)] = counts.get(str(sid), 0) + 1
    return counts


async def _estimate_wait(service: m.CounterService, ahead: int) -> int:
    counters = [
        c
        for c in await m.Counter.filter(site_id=service.site_id, active=True)
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
) -> m.Ticket:
    service = await _service(actor, service_id)
    if priority not in (m.NORMAL, m.PRIORITY):
        raise ServiceError("INVALID", "counter.invalid_priority", "priority")
    if priority == m.PRIORITY and priority_reason not in m.PRIORITY_REASONS:
        raise ServiceError("PRIORITY_REASON_REQUIRED", "counter.priority_reason", "priorityReason")
    if priority == m.NORMAL:
        priority_reason = None
    if not service.active:
        raise ServiceError("SERVICE_CLOSED", "counter.service_closed", "serviceId")
    day = today()
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
            slot_at=appointment.slot_at if appointment else None,
            issued_at=now(),
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
    if ticket.appointment_id is not None:  # type: ignore[attr-defined]
        due = ticket.slot_at is None or _aware(ticket.slot_at) <= at
        group = 0 if due else 3
    elif ticket.priority == m.PRIORITY:
        group = 1
    else:
        group = 2
    return (group, _aware(ticket.issued_at), ticket.id)


async def call_next(actor: Actor, counter_id: int) -> tuple[m.Ticket, m.Counter]:
    counter = await _counter(actor, counter_id)
    if not counter.active or not counter.service_ids:
        raise ServiceError("QUEUE_EMPTY", "counter.queue_empty", "counterId")
    for _attempt in range(20):
        at = now()
        candidates = await m.Ticket.filter(
            service_id__in=list(counter.service_ids), status=m.WAITING, day=at.date()
        ).order_by("issued_at", "id")
        if not candidates:
            raise ServiceError("QUEUE_EMPTY", "counter.queue_empty", "counterId")
        candidates.sort(key=lambda t: call_rank(t, at))
        for candidate in candidates:
            async with atomic():
                taken = await m.Ticket.filter(id=candidate.id, status=m.WAITING).update(
                    status=m.CALLED,
                    counter_id=counter.id,
                    called_at=at,
                    clerk_user_id=actor.user_id,
                    clerk_label=actor.label(),
                )
                if taken != 1:
                    continue  # another clerk took it: try the next one
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
    ticket = await _ticket(actor, ticket_id)
    async with atomic():
        done = await m.Ticket.filter(id=ticket.id, status__in=list(allowed)).update(**changes)
        if done != 1:
            raise ServiceError("INVALID_TRANSITION", "counter.invalid_transition", "ticketId")
        before = {"status": ticket.status}
        ticket = await m.Ticket.get(id=ticket.id)
        after = audit if audit is not None else changes
        await record(actor, operation, ticket, before=before, after=after)
        counter = (
            await m.Counter.filter(id=ticket.counter_id).first() if ticket.counter_id else None
        )  # type: ignore[attr-defined]
        await _publish(event, ticket, counter)
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
    return [
        (
            dt.datetime.combine(day, _parse_time(start), tz),
            dt.datetime.combine(day, _parse_time(end), tz),
        )
        for start, end in ranges
    ]


@dataclass
class Slot:
    start: dt.datetime
    end: dt.datetime
    capacity: int
    booked: int

    @property
    def available(self) -> int:
        return max(0, self.capacity - self.booked)


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
    out = []
    for start, end in windows:
        at = start
        while at + step <= end:
            utc = at.astimezone(dt.UTC)
            out.append(Slot(utc, (at + step).astimezone(dt.UTC), capacity, taken.get(utc, 0)))
            at += step
    return out


def _new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))


async def _check_slot(service: m.CounterService, slot_at: dt.datetime, exclude: int | None) -> None:
    site = await Site.get(id=service.site_id)  # type: ignore[attr-defined]
    slot_at = _aware(slot_at).astimezone(dt.UTC)
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
    """The citizen arrived: the appointment gets a ticket ahead of walk-ins once its slot is due."""
    appt = await _appointment(actor, appointment_id, code)
    if appt.status != m.BOOKED:
        raise ServiceError("INVALID_TRANSITION", "counter.invalid_transition", "id")
    if _aware(appt.slot_at).astimezone(dt.UTC).date() > today():
        raise ServiceError("TOO_EARLY", "counter.too_early", "id")
    async with atomic():
        done = await m.Appointment.filter(id=appt.id, status=m.BOOKED).update(
            status=m.CHECKED_IN, checked_in_at=now()
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
        )
        await record(actor, "appointmentCheckIn", appt, after={"ticket": ticket.code})
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


async def display_site(raw: str | None) -> int | None:
    """The site a display token is scoped to, or None when it is unknown or revoked."""
    if not raw:
        return None
    token = await m.DisplayToken.filter(digest=_digest(raw), revoked=False).first()
    return token.site_id if token else None  # type: ignore[attr-defined]


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
        if t.clerk_label:
            keys.append(("clerk", t.clerk_label, StatRow(t.clerk_label, t.clerk_label)))
        rows = [total] + [groups[g].setdefault(k, row) for g, k, row in keys]
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

    return Statistics(
        ordered("day"), ordered("service"), ordered("counter"), ordered("clerk"), total
    )


# ------------------------------------------------------------------------------ reception hooks


async def arrivals_for_hook(site_ids: frozenset[int] | None, day: dt.date) -> list[Any]:
    tickets = m.Ticket.filter(day=day, appointment_id=None)
    appts = m.Appointment.filter(
        slot_at__gte=dt.datetime.combine(day, dt.time.min, dt.UTC),
        slot_at__lt=dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min, dt.UTC),
    ).exclude(status=m.APPOINTMENT_CANCELLED)
    if site_ids is not None:
        tickets = tickets.filter(site_id__in=list(site_ids))
        appts = appts.filter(site_id__in=list(site_ids))
    return [*await tickets, *await appts]


async def present_for_hook(site_ids: frozenset[int] | None) -> list[Any]:
    qs = m.Ticket.filter(status__in=m.PRESENT, day=today())
    if site_ids is not None:
        qs = qs.filter(site_id__in=list(site_ids))
    return list(await qs)
