"""The reservation's own lifecycle before the guest arrives (confirm, cancel, no-show, new
dates; booking is services/booking.py): each decides which room holds which nights."""

from __future__ import annotations

import datetime as dt

from tortoise.exceptions import IntegrityError

from sportello import api
from sportello_lodging import models as m
from sportello_lodging.labels import StatusWord
from sportello_lodging.services import clock, limits, rates, sync
from sportello_lodging.services._common import (
    column,
    locked_reservation,
    snapshot,
    visible_reservation,
)
from sportello_lodging.services.allocation import allocate
from sportello_lodging.services.booking import (
    BACKDATE,
    MAX_CHANNEL_BOOKING_ID,
    GuestInput,
    create_reservation,
)
from sportello_lodging.services.lifecycle import CHANGEABLE, HOLDING, check_transition
from sportello_lodging.services.nights import sync_nights
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

__all__ = [
    "BACKDATE",
    "MAX_CHANNEL_BOOKING_ID",
    "GuestInput",
    "cancel",
    "change_dates",
    "confirm",
    "create_reservation",
    "no_show",
]


def _may_backdate(actor: api.Actor) -> bool:
    return actor.has(BACKDATE)


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
                res.room_id = await allocate(room_type, res.arrival, res.departure, res.id)
            res.status = m.CONFIRMED
            await res.save(update_fields=["status", "room_id", "updated_at"])
            await place(res, res.room_id)
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
