"""The front desk: check-in and check-out, where the reservation, the room's housekeeping
state, the guest registry and the folio change together in one transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sportello import api
from sportello_lodging import models as m
from sportello_lodging.services import clock, config
from sportello_lodging.services._common import locked_reservation, snapshot, visible_reservation
from sportello_lodging.services.events import (
    RESERVATION_CHECKED_IN,
    RESERVATION_CHECKED_OUT,
    ReservationCheckedIn,
    ReservationCheckedOut,
)
from sportello_lodging.services.folio import load_folio, publish_closed
from sportello_lodging.services.housekeeping import check_room_ready
from sportello_lodging.services.lifecycle import check_transition
from sportello_lodging.services.nights import sync_nights
from sportello_lodging.services.registry import (
    RegistryEntry,
    check_police_data,
    check_registry,
    incomplete,
    record_guests,
    too_many,
)
from sportello_lodging.services.rooms import set_room_state
from sportello_lodging.services.stays import current_segment_start, lock_room, place


async def check_in(
    actor: api.Actor, reservation_id: int, guests: Sequence[RegistryEntry] = ()
) -> m.Reservation:
    """The guest arrives. With ``require_guest_registry`` (the default) every guest in the room
    (adults and children) must be in ``guests``; without it, guests may be registered later
    (``register_guests``)."""
    await visible_reservation(actor, reservation_id)
    async with api.atomic():
        res = await locked_reservation(actor, reservation_id)
        check_transition(res, m.CHECKED_IN)
        day = await clock.site_today(res.site_id)
        if day < res.arrival:
            raise api.ServiceError("TOO_EARLY", "lodging.too_early", "id")
        if day >= res.departure:
            raise api.ServiceError("INVALID_TRANSITION", "lodging.stay_over", "id")
        occupants = res.adults + res.children
        entries = check_registry(guests)
        registered = await m.GuestRegistration.filter(reservation_id=res.id).count()
        if len(entries) + registered > occupants:
            raise too_many(occupants)
        if config.settings().require_guest_registry and len(entries) + registered < occupants:
            raise incomplete(occupants)
        room = await lock_room(res.room_id)
        if (
            await m.Reservation.filter(room_id=room.id, status=m.CHECKED_IN)
            .exclude(id=res.id)
            .exists()
        ):
            raise api.ServiceError("ROOM_OCCUPIED", "lodging.room_occupied", "id")
        check_room_ready(res, room)
        before = snapshot(res)
        res.status = m.CHECKED_IN
        res.checked_in_at = clock.now()
        await res.save(update_fields=["status", "checked_in_at", "updated_at"])
        added, _ = await record_guests(actor, res, entries)
        if config.settings().require_guest_registry and registered + added < occupants:
            raise incomplete(occupants)  # two entries for one document
        await check_police_data(res)
        await sync_nights(res)
        await api.record(
            actor,
            "reservationCheckIn",
            res,
            before=before,
            after={**snapshot(res), "registered_guests": registered + added},
        )
        await set_room_state(actor, room, occupancy=m.OCCUPIED)
        await api.publish(
            RESERVATION_CHECKED_IN,
            ReservationCheckedIn(
                reservation_id=res.id, room_id=room.id, guest_party_id=res.guest_id
            ),
            aggregate=f"reservation:{res.id}",
            site_id=res.site_id,
        )
    return res


async def check_out(
    actor: api.Actor, reservation_id: int, allow_unpaid: bool = False
) -> m.Reservation:
    await visible_reservation(actor, reservation_id)
    if allow_unpaid and not actor.has("lodging.folio.override"):
        raise api.ServiceError("FORBIDDEN", "lodging.override_forbidden", "allowUnpaid")
    async with api.atomic():
        res = await locked_reservation(actor, reservation_id)
        check_transition(res, m.CHECKED_OUT)
        before = snapshot(res)
        day = await clock.site_today(res.site_id)
        if day < res.departure:  # early checkout: the remaining nights are released
            res.departure = max(day, res.arrival + dt.timedelta(days=1))
            await place(res, res.room_id, await current_segment_start(res))
        await sync_nights(res, all_nights=True)  # the nights no night audit posted yet
        folio = await load_folio(res)
        if folio.balance > 0 and not allow_unpaid:
            raise api.ServiceError(
                "FOLIO_UNPAID",
                "lodging.folio_unpaid",
                "id",
                balance=str(folio.balance),
                currency=folio.currency,
            )
        if folio.balance < 0:
            # Paid more than the stay cost: the difference is refunded first (folioPaymentRefund).
            raise api.ServiceError(
                "REFUND_DUE",
                "lodging.refund_due",
                "id",
                amount=str(-folio.balance),
                currency=folio.currency,
            )
        res.status = m.CHECKED_OUT
        res.checked_out_at = clock.now()
        await res.save(update_fields=["status", "checked_out_at", "departure", "updated_at"])
        await api.record(
            actor,
            "reservationCheckOut",
            res,
            before=before,
            after={
                **snapshot(res),
                "total": folio.total,
                "paid": folio.paid,
                "allow_unpaid": allow_unpaid and folio.balance > 0,
            },
        )
        room = await lock_room(res.room_id)
        await set_room_state(actor, room, occupancy=m.VACANT, cleanliness=m.DIRTY)
        await publish_closed(res, folio)
        await api.publish(
            RESERVATION_CHECKED_OUT,
            ReservationCheckedOut(
                reservation_id=res.id, room_id=room.id, guest_party_id=res.guest_id
            ),
            aggregate=f"reservation:{res.id}",
            site_id=res.site_id,
        )
    return res
