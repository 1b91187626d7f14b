"""Booking and the reservation's own lifecycle before the guest arrives (create, confirm,
cancel, no-show, new dates): each decides which room holds which nights."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from tortoise.exceptions import IntegrityError

from sportello import api
from sportello_lodging import models as m
from sportello_lodging.labels import StatusWord
from sportello_lodging.services import clock, config, limits, rates, search, sync
from sportello_lodging.services._common import (
    column,
    locked_reservation,
    money,
    snapshot,
    visible_reservation,
    visible_room,
)
from sportello_lodging.services.confirmations import send_confirmation
from sportello_lodging.services.folio import sync_nights
from sportello_lodging.services.lifecycle import CHANGEABLE, HOLDING, INITIAL, check_transition
from sportello_lodging.services.settlement import DepositHandling, settle
from sportello_lodging.services.stays import (
    check_dates,
    current_segment_start,
    hold,
    is_overlap,
    lock_room,
    place,
    room_is_free,
    unavailable,
)

#: The longest booking id a channel may give
MAX_CHANNEL_BOOKING_ID = 64

#: Book or date a stay in the past (a walk-in registered late).
BACKDATE = "lodging.reservations.backdate"


def _may_backdate(actor: api.Actor) -> bool:
    return actor.has(BACKDATE)


def _name_key(name: str) -> str:
    return " ".join(name.casefold().split())


@dataclass
class GuestInput:
    full_name: str
    email: str | None = None


async def _visible_room_type(actor: api.Actor, room_type_id: int) -> m.RoomType:
    rt = await m.RoomType.get_or_none(id=room_type_id)
    if rt is None or not actor.may_see_site(rt.site_id):
        raise api.ServiceError("NOT_FOUND", "core.not_found", "roomTypeId")
    return rt


async def _allocate(
    room_type: m.RoomType, arrival: dt.date, departure: dt.date, exclude_id: int | None = None
) -> int:
    """Inside the transaction: the first room of the type free for the stay, locked.

    The rooms free when read are tried in id order (as moves lock them, so allocations and
    moves never deadlock); only a room about to be taken is locked and checked again, in case
    a concurrent booking took it meanwhile. A draft holds nothing but still gets a room no one
    holds, so that it can be confirmed; ``exclude_id``: the reservation being re-allocated.
    """
    room_ids: list[int] = await column(
        m.Room.filter(room_type_id=room_type.id).order_by("id"), "id"
    )
    stays = m.RoomStay.filter(
        room__room_type_id=room_type.id, holding=True, start__lt=departure, end__gt=arrival
    )
    if exclude_id is not None:
        stays = stays.exclude(reservation_id=exclude_id)
    closures = m.RoomClosure.filter(
        room__room_type_id=room_type.id, start__lt=departure, end__gt=arrival
    )
    busy = set(await column(stays, "room_id")) | set(await column(closures, "room_id"))
    for room_id in (r for r in room_ids if r not in busy):
        await lock_room(room_id)
        if await room_is_free(room_id, arrival, departure, exclude_id):
            return room_id
    raise unavailable(by_type=True)


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
    problems: list[api.Problem] = []
    if rate is not None and not actor.has(rates.MANUAL_RATE):
        problems.append(api.Problem("FORBIDDEN", "lodging.manual_rate_forbidden", "rate"))
    if departure <= arrival:
        problems.append(
            api.Problem("INVALID_DATES", "lodging.departure_before_arrival", "departure")
        )
    elif (problem := limits.stay_too_long(arrival, departure)) is not None:
        problems.append(problem)
    # Some site's today is tomorrow in UTC: only an arrival before that may be past there.
    maybe_past = arrival <= clock.today() + dt.timedelta(days=1) and not _may_backdate(actor)
    if maybe_past or limits.near_horizon(arrival):
        day = await clock.booking_today(room_id, room_type_id)
        if maybe_past and arrival < day:
            problems.append(api.Problem("INVALID_DATES", "lodging.arrival_past", "arrival"))
        if (problem := limits.beyond_horizon(arrival, day)) is not None:
            problems.append(problem)
    if adults < 1:
        problems.append(api.Problem("INVALID", "lodging.invalid_guests", "adults"))
    if children < 0:
        problems.append(api.Problem("INVALID", "lodging.invalid_guests", "children"))
    if rate is not None and rate < 0:
        problems.append(api.Problem("INVALID", "lodging.invalid_amount", "rate"))
    if status not in INITIAL:
        problems.append(api.Problem("INVALID", "lodging.invalid_initial_status", "status"))
    if guest_id is None and (guest is None or not guest.full_name.strip()):
        problems.append(api.Problem("REQUIRED", "core.required", "guest"))
    if room_id is None and room_type_id is None:
        problems.append(api.Problem("REQUIRED", "core.required", "roomId"))
    if room_id is not None and room_type_id is not None:
        problems.append(api.Problem("INVALID", "lodging.room_or_room_type", "roomTypeId"))
    if guest_id is not None and guest is not None:
        problems.append(api.Problem("INVALID", "lodging.guest_or_guest_id", "guestId"))
    channel_booking_id = (channel_booking_id or "").strip() or None
    if channel_booking_id is not None and len(channel_booking_id) > MAX_CHANNEL_BOOKING_ID:
        problems.append(
            api.Problem(
                "TOO_LONG", "core.too_long", "channelBookingId", {"max": MAX_CHANNEL_BOOKING_ID}
            )
        )
    if problems:
        raise api.ServiceError("INVALID", problems=problems)
    if room_id is not None:
        room = await visible_room(actor, room_id)
        room_type: m.RoomType = room.room_type
    else:
        assert room_type_id is not None
        room_type = await _visible_room_type(actor, room_type_id)
    if adults + children > room_type.capacity:
        raise api.ServiceError(
            "OVER_CAPACITY", "lodging.over_capacity", "adults", capacity=room_type.capacity
        )
    quote: rates.Quote | None = None
    plan_code: str | None = None
    if rate_plan_id is not None:
        plan = await rates.visible_plan(actor, rate_plan_id, room_type.site_id)
        quote = await rates.quote(plan, room_type.id, arrival, departure, channel)
        plan_code = plan.code
    guest_name = ""
    if guest_id is not None:
        names = await column(
            api.visible_parties(api.PartyModel.filter(id=guest_id, anonymised_at=None), actor),
            "display_name",
        )
        if not names:
            raise api.ServiceError("NOT_FOUND", "core.not_found", "guestId")
        guest_name = names[0]
    try:
        async with api.atomic():
            # The guest first, under the party's row lock (then the room: always in this
            # order, so bookings never deadlock): an erasure of the guest running meanwhile
            # either finishes first (NOT_FOUND) or sees this reservation's notes and erases them.
            if guest_id is not None:
                await api.lock_live_party(guest_id, "guestId")
                await api.link_party_to_site(guest_id, room_type.site_id)  # known at the hotel
            else:
                assert guest is not None
                party = await api.find_or_create_person(
                    actor, guest.full_name, guest.email, site_id=room_type.site_id
                )
                if _name_key(party.display_name) != _name_key(guest.full_name):
                    # The email is someone else's: never book for them by mistake.
                    raise api.ServiceError(
                        "GUEST_CONFLICT", "lodging.guest_conflict", "guest.email"
                    )
                guest_id, guest_name = party.id, party.display_name
            by_type = room_id is None
            if room_id is None:
                room_id = await _allocate(room_type, arrival, departure)
            else:
                await lock_room(room_id)
                if status in HOLDING and not await room_is_free(room_id, arrival, departure):
                    raise unavailable()
            res = await m.Reservation.create(
                site_id=room_type.site_id,
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
            await place(res, room_id)
            if res.status == m.CONFIRMED:
                await send_confirmation(res)
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
            raise unavailable(by_type=room_type_id is not None) from None
        raise
    return res


async def confirm(actor: api.Actor, reservation_id: int) -> m.Reservation:
    await visible_reservation(actor, reservation_id)
    try:
        async with api.atomic():
            res = await locked_reservation(actor, reservation_id)
            check_transition(res, m.CONFIRMED)
            before = snapshot(res)
            await lock_room(res.room_id)
            if not await room_is_free(res.room_id, res.arrival, res.departure, res.id):
                if not res.by_room_type:
                    raise unavailable()
                # Booked by type: another room of the type will do.
                room_type = await m.RoomType.get(id=res.room_type_id)
                res.room_id = await _allocate(room_type, res.arrival, res.departure, res.id)
            res.status = m.CONFIRMED
            await res.save(update_fields=["status", "room_id", "updated_at"])
            await place(res, res.room_id)
            await send_confirmation(res)
            await api.record(actor, "reservationConfirm", res, before=before, after=snapshot(res))
            await sync.changed(res, before)
    except IntegrityError as exc:
        if is_overlap(exc):
            raise unavailable() from None
        raise
    return res


async def cancel(
    actor: api.Actor,
    reservation_id: int,
    reason: str = "",
    deposit: DepositHandling | None = None,
    carry_to_id: int | None = None,
) -> m.Reservation:
    """Cancel a draft or confirmed stay. Money the guest paid is settled as ``deposit`` says
    (refunded, kept as the fee, carried to ``carry_to_id``): DEPOSIT_HELD without it."""
    seen = await visible_reservation(actor, reservation_id)
    async with api.atomic():
        # The guest first (the lock order of bookings and erasure): the reason is free text
        # about the guest, so an erased guest's reservation does not take it into its notes.
        guest = await api.PartyModel.filter(id=seen.guest_id).select_for_update(no_key=True).first()
        guest_erased = guest is None or guest.anonymised_at is not None
        res = await locked_reservation(actor, reservation_id)
        check_transition(res, m.CANCELLED)
        before = snapshot(res)
        res.status = m.CANCELLED
        res.cancelled_at = clock.now()
        if guest_erased:
            reason = api.ERASED if reason else ""
        elif reason:
            res.notes = f"{res.notes}\nCancelled: {reason}".strip()
        await res.save(update_fields=["status", "cancelled_at", "notes", "updated_at"])
        await hold(res)
        fee = await rates.policy_fee(res, no_show=False)
        settled = await settle(actor, res, deposit, carry_to_id, fee)
        await api.record(
            actor,
            "reservationCancel",
            res,
            before=before,
            after={**snapshot(res), "reason": reason, **settled},
        )
        await sync.cancelled(res)
    return res


async def no_show(
    actor: api.Actor,
    reservation_id: int,
    deposit: DepositHandling | None = None,
    carry_to_id: int | None = None,
) -> m.Reservation:
    await visible_reservation(actor, reservation_id)
    async with api.atomic():
        res = await locked_reservation(actor, reservation_id)
        check_transition(res, m.NO_SHOW)
        zones = await column(api.SiteModel.filter(id=res.site_id), "timezone")
        day = clock.today(zones[0] if zones else None)
        if day < res.arrival or (
            day == res.arrival
            and clock.now() < clock.expected_at(res.arrival, zones[0] if zones else None)
        ):
            # Not before the guest was expected: the check-in hour of the arrival day.
            raise api.ServiceError("TOO_EARLY", "lodging.no_show_too_early", "id")
        before = snapshot(res)
        res.status = m.NO_SHOW
        await res.save(update_fields=["status", "updated_at"])
        await hold(res)
        fee = await rates.policy_fee(res, no_show=True)
        settled = await settle(actor, res, deposit, carry_to_id, fee)
        await api.record(
            actor, "reservationNoShow", res, before=before, after={**snapshot(res), **settled}
        )
        await sync.changed(res, before)
    return res


async def change_dates(
    actor: api.Actor,
    reservation_id: int,
    arrival: dt.date | None = None,
    departure: dt.date | None = None,
) -> m.Reservation:
    """New dates (for a stay in house only the departure: early checkout or late departure).

    Dates in the past are refused (INVALID_DATES) unless the actor may backdate stays; a stay
    growing past ``max_stay_nights`` (STAY_TOO_LONG) or an arrival moved beyond the booking
    horizon (BEYOND_HORIZON) are refused before anything is written.
    """
    await visible_reservation(actor, reservation_id)
    try:
        async with api.atomic():
            res = await locked_reservation(actor, reservation_id)
            if res.status not in CHANGEABLE:
                raise api.ServiceError(
                    "INVALID_TRANSITION",
                    "lodging.invalid_transition",
                    "id",
                    current=StatusWord(res.status),
                    target=StatusWord(res.status),
                )
            new_arrival = arrival or res.arrival
            new_departure = departure or res.departure
            day = await clock.site_today(res.site_id)
            in_house = res.status == m.CHECKED_IN
            if in_house:
                if new_arrival != res.arrival:
                    raise api.ServiceError("INVALID", "lodging.arrival_fixed", "arrival")
                if new_departure < day:
                    raise api.ServiceError("INVALID_DATES", "lodging.departure_past", "departure")
            elif not _may_backdate(actor):
                if new_arrival != res.arrival and new_arrival < day:
                    raise api.ServiceError("INVALID_DATES", "lodging.arrival_past", "arrival")
                if new_departure != res.departure and new_departure < day:
                    raise api.ServiceError("INVALID_DATES", "lodging.departure_past", "departure")
            check_dates(new_arrival, new_departure)
            limits.check_stay(
                new_arrival,
                new_departure,
                day,
                arrival_changed=new_arrival != res.arrival,
                nights_before=(res.departure - res.arrival).days,
            )
            # A stay in house keeps the rooms of the nights slept: only the current room's
            # stretch (from its segment's start) changes.
            since = await current_segment_start(res) if in_house else new_arrival
            room_id: int = res.room_id
            await lock_room(room_id)
            if res.status in HOLDING and not await room_is_free(
                room_id, since, new_departure, res.id
            ):
                raise unavailable()
            before = snapshot(res)
            fields_changed = ["arrival", "departure", "updated_at"]
            if res.rate_plan_id is not None and res.nightly_rates is not None:
                # The plan prices the new nights; nights already sold keep their price.
                plan = await m.RatePlan.get(id=res.rate_plan_id)
                quote = await rates.quote(
                    plan, res.room_type_id, new_arrival, new_departure, res.channel
                )
                res.nightly_rates = {
                    **quote.nightly,
                    **{k: v for k, v in res.nightly_rates.items() if k in quote.nightly},
                }
                fields_changed.append("nightly_rates")
            res.arrival, res.departure = new_arrival, new_departure
            await res.save(update_fields=fields_changed)
            await place(res, room_id, since)
            if in_house:
                await sync_nights(res)
            await api.record(
                actor, "reservationDatesChange", res, before=before, after=snapshot(res)
            )
            await sync.changed(res, before)
    except IntegrityError as exc:
        if is_overlap(exc):
            raise unavailable() from None
        raise
    return res
