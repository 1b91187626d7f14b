"""A new booking (reservationCreate), written in few statements: the front desk's busiest write.

In one transaction, six statements: the room read with its type and the site's time zone, the
room locked by that same read, and one statement asking whether any held night or closure is in
the way (by room type: the type read, then its first free room picked and locked in one
statement, checked again by its stay's insert: services/allocation.py); then the guest with its
site link, the reservation, its stay segment, and the audit entries with the
``lodging.reservation.created`` event in one statement at commit. The booking confirmation is
sent by a handler of that event after commit (services/confirmations.py), not in the request.

Lock order, as everywhere in lodging: a party that exists (booked by id, or matched by email)
is locked before the room; a guest created now cannot be locked by anyone else, so then the
room is locked first, by the read that needs it anyway.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from tortoise.exceptions import IntegrityError

from sportello import api
from sportello_lodging import models as m
from sportello_lodging.services import allocation, clock, config, limits, rates, search, sync
from sportello_lodging.services._common import column, money, snapshot
from sportello_lodging.services.lifecycle import HOLDING, INITIAL
from sportello_lodging.services.stays import is_overlap, unavailable

#: Book or date a stay in the past (a walk-in registered late).
BACKDATE = "lodging.reservations.backdate"
#: The longest booking id a channel may give
MAX_CHANNEL_BOOKING_ID = 64


@dataclass
class GuestInput:
    full_name: str
    email: str | None = None


def _name_key(name: str) -> str:
    return " ".join(name.casefold().split())


@dataclass
class _Target:
    room_type: m.RoomType
    timezone: str | None
    #: The room asked for, locked when read with ``lock``
    room: m.Room | None = None


async def _target(
    actor: api.Actor, room_id: int | None, room_type_id: int | None, lock: bool
) -> _Target:
    """One statement: the room with its type and the site's time zone (the room row locked
    with ``lock``), or the room type with the time zone."""
    if room_id is not None:
        qs = m.Room.filter(id=room_id).select_related("room_type", "site")
        if lock:
            qs = qs.select_for_update(of=("lodging_room",))
        room = await qs.first()
        if room is None or not actor.may_see_site(room.site_id):
            raise api.ServiceError("NOT_FOUND", "core.not_found", "roomId")
        return _Target(room.room_type, room.site.timezone, room)
    rt = await m.RoomType.filter(id=room_type_id).select_related("site").first()
    if rt is None or not actor.may_see_site(rt.site_id):
        raise api.ServiceError("NOT_FOUND", "core.not_found", "roomTypeId")
    return _Target(rt, rt.site.timezone)


def input_problems(actor: api.Actor, **a: Any) -> list[api.Problem]:
    """What is wrong with the input alone, before anything is read."""
    problems: list[api.Problem] = []
    if a["rate"] is not None and not actor.has(rates.MANUAL_RATE):
        problems.append(api.Problem("FORBIDDEN", "lodging.manual_rate_forbidden", "rate"))
    if a["departure"] <= a["arrival"]:
        problems.append(
            api.Problem("INVALID_DATES", "lodging.departure_before_arrival", "departure")
        )
    elif (problem := limits.stay_too_long(a["arrival"], a["departure"])) is not None:
        problems.append(problem)
    if a["adults"] < 1:
        problems.append(api.Problem("INVALID", "lodging.invalid_guests", "adults"))
    if a["children"] < 0:
        problems.append(api.Problem("INVALID", "lodging.invalid_guests", "children"))
    if a["rate"] is not None and a["rate"] < 0:
        problems.append(api.Problem("INVALID", "lodging.invalid_amount", "rate"))
    if a["status"] not in INITIAL:
        problems.append(api.Problem("INVALID", "lodging.invalid_initial_status", "status"))
    guest, guest_id = a["guest"], a["guest_id"]
    if guest_id is None and (guest is None or not guest.full_name.strip()):
        problems.append(api.Problem("REQUIRED", "core.required", "guest"))
    if a["room_id"] is None and a["room_type_id"] is None:
        problems.append(api.Problem("REQUIRED", "core.required", "roomId"))
    if a["room_id"] is not None and a["room_type_id"] is not None:
        problems.append(api.Problem("INVALID", "lodging.room_or_room_type", "roomTypeId"))
    if guest_id is not None and guest is not None:
        problems.append(api.Problem("INVALID", "lodging.guest_or_guest_id", "guestId"))
    booking_id = a["channel_booking_id"]
    if booking_id is not None and len(booking_id) > MAX_CHANNEL_BOOKING_ID:
        problems.append(
            api.Problem(
                "TOO_LONG", "core.too_long", "channelBookingId", {"max": MAX_CHANNEL_BOOKING_ID}
            )
        )
    return problems


def _date_problems(actor: api.Actor, arrival: dt.date, timezone: str | None) -> list[api.Problem]:
    problems: list[api.Problem] = []
    day = clock.today(timezone)
    if arrival < day and not actor.has(BACKDATE):
        problems.append(api.Problem("INVALID_DATES", "lodging.arrival_past", "arrival"))
    if (problem := limits.beyond_horizon(arrival, day)) is not None:
        problems.append(problem)
    return problems


async def _zone(room_id: int | None, room_type_id: int | None) -> str | None:
    if room_id is not None:
        zones = await column(m.Room.filter(id=room_id), "site__timezone")
    elif room_type_id is not None:
        zones = await column(m.RoomType.filter(id=room_type_id), "site__timezone")
    else:
        return None
    return zones[0] if zones else None


async def existing_guest(actor: api.Actor, guest_id: int) -> str:
    """Inside the transaction: the guest booked by id, locked (before any room), and its name."""
    names = await column(
        api.visible_parties(api.PartyModel.filter(id=guest_id, anonymised_at=None), actor),
        "display_name",
    )
    if not names:
        raise api.ServiceError("NOT_FOUND", "core.not_found", "guestId")
    await api.lock_live_party(guest_id, "guestId")
    return str(names[0])


async def guest_by_name(actor: api.Actor, guest: GuestInput, site_id: int) -> tuple[int, str]:
    party = await api.find_or_create_person(actor, guest.full_name, guest.email, site_id=site_id)
    if _name_key(party.display_name) != _name_key(guest.full_name):
        # The email is someone else's: never book for them by mistake.
        raise api.ServiceError("GUEST_CONFLICT", "lodging.guest_conflict", "guest.email")
    return party.id, party.display_name


async def create_reservation(
    actor: api.Actor,
    *,
    room_id: int | None = None,
    room_type_id: int | None = None,
    arrival: dt.date,
    departure: dt.date,
    guest_id: int | None = None,
    guest: GuestInput | None = None,
    adults: int = 1,
    children: int = 0,
    rate: Decimal | None = None,
    channel: str = "direct",
    notes: str = "",
    status: str = m.CONFIRMED,
    rate_plan_id: int | None = None,
    channel_booking_id: str | None = None,
) -> m.Reservation:
    """Book a room or a room type. The price comes from ``rate_plan_id`` (each night's price of
    the plan's season and day of the week) or else the room type's base rate; a ``rate`` set by
    hand needs ``lodging.rates.manual``."""
    channel_booking_id = (channel_booking_id or "").strip() or None
    problems = input_problems(
        actor,
        rate=rate,
        arrival=arrival,
        departure=departure,
        adults=adults,
        children=children,
        status=status,
        guest=guest,
        guest_id=guest_id,
        room_id=room_id,
        room_type_id=room_type_id,
        channel_booking_id=channel_booking_id,
    )
    if problems:
        # Refused anyway: the dates' problems too, in one answer (they need the site's day).
        may_be_past = arrival <= clock.today() + dt.timedelta(days=1)
        if may_be_past or limits.near_horizon(arrival):
            zone = await _zone(room_id, room_type_id)
            problems[:0] = _date_problems(actor, arrival, zone)
        raise api.ServiceError("INVALID", problems=problems)
    by_type = room_id is None

    async def attempt(careful: bool, room_id: int | None, guest_id: int | None) -> m.Reservation:
        try:
            async with api.atomic():
                # A party that exists is locked before the room; a new guest after it (see above).
                party_first = guest_id is not None or bool(guest and guest.email)
                guest_name = ""
                if guest_id is not None:
                    guest_name = await existing_guest(actor, guest_id)
                target = await _target(actor, room_id, room_type_id, lock=not party_first)
                room_type = target.room_type
                site_id = room_type.site_id
                problems = _date_problems(actor, arrival, target.timezone)
                if problems:
                    raise api.ServiceError("INVALID", problems=problems)
                if adults + children > room_type.capacity:
                    raise api.ServiceError(
                        "OVER_CAPACITY",
                        "lodging.over_capacity",
                        "adults",
                        capacity=room_type.capacity,
                    )
                quote: rates.Quote | None = None
                plan_code: str | None = None
                if rate_plan_id is not None:
                    plan = await rates.visible_plan(actor, rate_plan_id, site_id)
                    quote = await rates.quote(plan, room_type.id, arrival, departure, channel)
                    plan_code = plan.code
                if guest_id is not None:
                    await api.link_party_to_site(guest_id, site_id)  # known at the hotel
                elif party_first:
                    assert guest is not None
                    guest_id, guest_name = await guest_by_name(actor, guest, site_id)
                check_stay = False
                if room_id is None:
                    if careful:
                        room_id = await allocation.allocate(room_type, arrival, departure)
                    else:
                        room_id, check_stay = await allocation.pick(room_type, arrival, departure)
                else:
                    if party_first:
                        await m.Room.filter(id=room_id).select_for_update().first()
                    if status in HOLDING and await allocation.in_the_way(
                        room_id, arrival, departure
                    ):
                        raise unavailable()
                if guest_id is None:
                    assert guest is not None
                    guest_id, guest_name = await guest_by_name(actor, guest, site_id)
                res = await m.Reservation.create(
                    site_id=site_id,
                    room_id=room_id,
                    room_type_id=room_type.id,
                    guest_id=guest_id,
                    arrival=arrival,
                    departure=departure,
                    adults=adults,
                    children=children,
                    rate=money(
                        rate if rate is not None else quote.first if quote else room_type.base_rate
                    ),
                    rate_plan_id=rate_plan_id,
                    nightly_rates=quote.nightly if quote is not None and rate is None else None,
                    channel=channel.strip() or "direct",
                    channel_booking_id=channel_booking_id,
                    search_key=search.search_key(guest_name, channel_booking_id),
                    by_room_type=by_type,
                    notes=notes,
                    status=status,
                    currency=config.settings().currency,
                )
                await allocation.insert_stay(
                    res.id, room_id, arrival, departure, status in HOLDING, check_stay
                )
                await api.record(
                    actor,
                    "reservationCreate",
                    res,
                    after={
                        **snapshot(res),
                        "guest_id": guest_id,
                        "adults": adults,
                        "children": children,
                        "rate": res.rate,
                        "rate_plan_id": rate_plan_id,
                        "manual_rate": rate is not None,
                        "channel": res.channel,
                        "channel_booking_id": channel_booking_id,
                    },
                )
                await sync.created(res, room_type.code, plan_code)
        except IntegrityError as exc:
            if is_overlap(exc):
                raise unavailable(by_type=by_type) from None
            raise
        return res

    try:
        return await attempt(False, room_id, guest_id)
    except allocation.PickTaken:
        # The room picked was taken meanwhile (PostgreSQL): all rolled back; again, each room
        # checked under its lock.
        return await attempt(True, room_id, guest_id)
