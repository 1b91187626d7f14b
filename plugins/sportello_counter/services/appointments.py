"""Appointments have their own life (booked, checked in, cancelled) and slot grid; checking in
is where they hand over to the ticket aggregate.

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
import secrets
from dataclasses import dataclass

from sportello import api
from sportello_counter import models as m
from sportello_counter.services import _common, call_next, reminders
from sportello_counter.services._common import _aware, _tz, site_zone
from sportello_counter.services.catalogue import _service
from sportello_counter.services.hours import _day_windows
from sportello_counter.services.tickets import issue_ticket

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I


@dataclass
class Slot:
    start: dt.datetime
    end: dt.datetime
    capacity: int
    booked: int
    #: The slot has started: it can no longer be booked.
    past: bool = False
    #: The service's appointment quota for the day is reached.
    full: bool = False

    @property
    def available(self) -> int:
        return 0 if self.past or self.full else max(0, self.capacity - self.booked)


async def slots(actor: api.Actor, service_id: int, day: dt.date) -> list[Slot]:
    """Slots of ``service_minutes`` inside the opening hours, one place per serving counter."""
    service = await _service(actor, service_id)
    site = await api.SiteModel.get(id=service.site_id)
    return await _slots(service, site, day)


async def _slots(service: m.CounterService, site: api.SiteModel, day: dt.date) -> list[Slot]:
    windows = _day_windows(service, day, _tz(site))
    if not windows:
        return []
    capacity = len(
        [
            c
            for c in await m.Counter.filter(site_id=service.site_id, active=True)
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
    at_now = _common.now()
    full = False
    if service.daily_appointment_quota is not None:
        full = await _booked_on(service, site, day) >= service.daily_appointment_quota
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
                    full=full,
                )
            )
            at += step
    return out


async def _booked_on(
    service: m.CounterService, site: api.SiteModel, day: dt.date, exclude: int | None = None
) -> int:
    """Appointments (booked or checked in) of the service on the site-local ``day``."""
    tz = _tz(site)
    qs = m.Appointment.filter(
        service_id=service.id,
        status__in=(m.BOOKED, m.CHECKED_IN),
        slot_at__gte=dt.datetime.combine(day, dt.time.min, tz),
        slot_at__lt=dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min, tz),
    )
    if exclude is not None:
        qs = qs.exclude(id=exclude)
    return await qs.count()


def _new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))


async def _check_slot(service: m.CounterService, slot_at: dt.datetime, exclude: int | None) -> None:
    slot_at = _aware(slot_at).astimezone(dt.UTC)
    if slot_at < _common.now():
        raise api.ServiceError("SLOT_IN_PAST", "counter.slot_in_past", "slotAt")
    site = await api.SiteModel.get(id=service.site_id)
    local_day = slot_at.astimezone(_tz(site)).date()
    for slot in await _slots(service, site, local_day):
        if slot.start == slot_at:
            booked = slot.booked
            if exclude is not None:
                other = await m.Appointment.filter(id=exclude, slot_at=slot_at).exists()
                booked -= 1 if other else 0
            if booked >= slot.capacity:
                raise api.ServiceError("SLOT_UNAVAILABLE", "counter.slot_unavailable", "slotAt")
            quota = service.daily_appointment_quota
            if quota is not None and await _booked_on(service, site, local_day, exclude) >= quota:
                raise api.ServiceError("QUOTA_REACHED", "counter.quota_reached", "slotAt")
            return
    raise api.ServiceError("SLOT_UNAVAILABLE", "counter.slot_unavailable", "slotAt")


async def _lock_service(service_id: int) -> None:
    """Serialise bookings of one service (PostgreSQL row lock; SQLite's lock is global)."""
    await m.CounterService.filter(id=service_id).select_for_update().first()


async def book(
    actor: api.Actor,
    service_id: int,
    slot_at: dt.datetime,
    party_name: str,
    party_id: int | None = None,
    email: str | None = None,
) -> m.Appointment:
    """``email`` (with no ``party_id``): the citizen's contact, matched to a person the desk may
    see or registered; the confirmation and the reminder go there."""
    service = await _service(actor, service_id)
    if not party_name.strip():
        raise api.ServiceError("REQUIRED", "core.required", "partyName")
    if email is not None and party_id is not None:
        raise api.ServiceError("INVALID", "counter.party_or_email", "email")
    async with api.atomic():
        if email and email.strip():
            person = await api.find_or_create_person(
                actor, party_name.strip(), email.strip(), site_id=service.site_id
            )
            party_id = person.id
        if party_id is not None:
            if not await api.may_see_party(actor, party_id):  # another site's citizen
                raise api.ServiceError("NOT_FOUND", "core.not_found", "partyId")
            # Under the party's lock (taken before the service's): an erasure running meanwhile
            # either finishes first (NOT_FOUND) or sees this appointment's name and erases it.
            await api.lock_live_party(party_id, "partyId")
            await api.link_party_to_site(party_id, service.site_id)
        await _lock_service(service.id)
        await _check_slot(service, slot_at, None)
        appt = await m.Appointment.create(
            site_id=service.site_id,
            service_id=service.id,
            party_id=party_id,
            party_name=party_name.strip(),
            code=_new_code(),
            slot_at=_aware(slot_at).astimezone(dt.UTC),
        )
        await api.record(
            actor, "appointmentBook", appt, after={"slot_at": appt.slot_at, "code": appt.code}
        )
        await reminders.booked(appt)
    return appt


async def _appointment(
    actor: api.Actor, appointment_id: int | None, code: str | None
) -> m.Appointment:
    qs = m.Appointment.all()
    if appointment_id is not None:
        qs = qs.filter(id=appointment_id)
    elif code:
        qs = qs.filter(code=code.strip().upper())
    else:
        raise api.ServiceError("REQUIRED", "core.required", "code")
    appt = await qs.first()
    if appt is None or not actor.may_see_site(appt.site_id):
        raise api.ServiceError("NOT_FOUND", "core.not_found", "code" if code else "id")
    return appt


def _require_booked(appt: m.Appointment) -> None:
    """Only a booked appointment moves (INVALID_TRANSITION naming its status otherwise)."""
    if appt.status != m.BOOKED:
        raise api.ServiceError("INVALID_TRANSITION", f"counter.appointment_is.{appt.status}", "id")


async def cancel_appointment(
    actor: api.Actor,
    appointment_id: int | None = None,
    code: str | None = None,
    *,
    operation: str = "appointmentCancel",
) -> m.Appointment:
    appt = await _appointment(actor, appointment_id, code)
    _require_booked(appt)
    async with api.atomic():
        done = await m.Appointment.filter(id=appt.id, status=m.BOOKED).update(
            status=m.APPOINTMENT_CANCELLED
        )
        if done != 1:
            raise api.ServiceError("INVALID_TRANSITION", "counter.invalid_transition", "id")
        await api.record(actor, operation, appt, before={"status": appt.status})
        await reminders.withdrawn(appt)
    return await m.Appointment.get(id=appt.id)


async def reschedule(
    actor: api.Actor,
    slot_at: dt.datetime,
    appointment_id: int | None = None,
    code: str | None = None,
    *,
    operation: str = "appointmentReschedule",
) -> m.Appointment:
    appt = await _appointment(actor, appointment_id, code)
    _require_booked(appt)
    service = await m.CounterService.get(id=appt.service_id)
    async with api.atomic():
        # The appointment first, as it was checked (still booked, at the slot read), then the
        # service: a check-in holds the appointment and then inserts a ticket that refers to
        # the service, so the other order could deadlock with it on PostgreSQL.
        locked = (
            await m.Appointment.filter(id=appt.id, status=m.BOOKED, slot_at=appt.slot_at)
            .select_for_update()
            .first()
        )
        if locked is None:
            raise api.ServiceError("INVALID_TRANSITION", "counter.invalid_transition", "id")
        await _lock_service(service.id)
        await _check_slot(service, slot_at, appt.id)
        before = {"slot_at": appt.slot_at}
        new_slot = _aware(slot_at).astimezone(dt.UTC)
        # Conditional on what was checked: still booked, still at the slot read (a check-in,
        # a cancellation or another reschedule meanwhile makes it a no-op).
        done = await m.Appointment.filter(id=appt.id, status=m.BOOKED, slot_at=appt.slot_at).update(
            slot_at=new_slot
        )
        if done != 1:
            raise api.ServiceError("INVALID_TRANSITION", "counter.invalid_transition", "id")
        appt.slot_at = new_slot
        await api.record(actor, operation, appt, before=before, after={"slot_at": appt.slot_at})
        # The old reminder goes; the citizen hears of the new slot, and will be reminded of it.
        await reminders.withdrawn(appt)
        await reminders.booked(appt)
    return appt


async def check_in(
    actor: api.Actor, appointment_id: int | None = None, code: str | None = None
) -> tuple[m.Appointment, m.Ticket]:
    """The citizen arrived: a ticket ahead of walk-ins once the slot is due, on time.

    Only on the slot's site-local day (TOO_EARLY before, TOO_LATE after). Later than
    ``late_grace_minutes`` after the slot start, the ticket ranks as a walk-in.
    """
    appt = await _appointment(actor, appointment_id, code)
    _require_booked(appt)
    tz = await site_zone(appt.site_id)
    at = _common.now()
    slot = _aware(appt.slot_at)
    slot_day, today = slot.astimezone(tz).date(), at.astimezone(tz).date()
    if slot_day > today:
        raise api.ServiceError("TOO_EARLY", "counter.too_early", "id")
    if slot_day < today:
        raise api.ServiceError("TOO_LATE", "counter.too_late", "id")
    late = at > slot + dt.timedelta(minutes=_common.settings().late_grace_minutes)
    async with api.atomic():
        # Conditional on the slot the day and lateness were decided on, too: an appointment
        # rescheduled meanwhile is checked in again against its new slot.
        done = await m.Appointment.filter(id=appt.id, status=m.BOOKED, slot_at=appt.slot_at).update(
            status=m.CHECKED_IN, checked_in_at=at
        )
        if done != 1:
            raise api.ServiceError("INVALID_TRANSITION", "counter.invalid_transition", "id")
        appt = await m.Appointment.get(id=appt.id)
        ticket = await issue_ticket(
            actor,
            appt.service_id,
            channel="appointment",
            party_name=appt.party_name,
            appointment=appt,
            late=late,
        )
        await api.record(
            actor, "appointmentCheckIn", appt, after={"ticket": ticket.code, "late": late}
        )
        await reminders.withdrawn(appt)
        await call_next.turn_near(ticket.site_id, [ticket.service_id], ticket.day, at)
    return appt, ticket
