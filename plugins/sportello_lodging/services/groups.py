"""Group bookings: several rooms under one holder, booked all or nothing and cancelled together.

Each room is booked by ``create_reservation`` (the same pricing, allocation and events as a
single booking), all inside one transaction: a row that cannot be booked refuses the whole
group, its error naming the row (``rooms.2.roomId``), and nothing is written.

Lock order: the holder (a party that exists) first, then the site's row (``FOR NO KEY UPDATE``:
group bookings at one site take turns, so two groups never lock each other's rooms in opposite
orders; single bookings, which only read the site, are not held up), then each row as a single
booking locks it (its guest, then its room).

Billing: ``master`` bills every room's folio to the holder, ``rooms_to_master`` only its room
nights and city tax (the guest pays the extras), ``individual`` leaves each guest paying their
own (services/billing.py). Each room's folio closes at its own checkout, its
``lodging.folio.closed`` naming the holder as bill-to, so sales invoices the holder.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sportello import api
from sportello_lodging import billing_models as bm
from sportello_lodging import group_models as g
from sportello_lodging import models as m
from sportello_lodging.services import booking, clock
from sportello_lodging.services._common import column
from sportello_lodging.services.events import (
    RESERVATION_GROUP_CANCELLED,
    RESERVATION_GROUP_CREATED,
    RESERVATION_GROUP_ROOMS_ADDED,
    ReservationGroupState,
)
from sportello_lodging.services.folio import Totals, folio_totals
from sportello_lodging.services.reservations import cancel

#: The most rooms one request books
MAX_ROOMS = 50
MAX_NAME = 200
MAX_REFERENCE = 64
#: Reservation statuses a group cancellation cancels (the others are left as they are)
CANCELLABLE = (m.DRAFT, m.CONFIRMED)
#: The charge codes the holder pays with ``rooms_to_master``
ROOM_CODES = [m.ROOM_NIGHT, m.CITY_TAX_CODE]

# A group's status, derived from its reservations' statuses
BOOKED, IN_HOUSE, DEPARTED, CANCELLED = "booked", "in_house", "departed", "cancelled"


@dataclass
class GroupRoom:
    """One row of a group booking. Without a guest the room is booked under the holder's name."""

    arrival: dt.date
    departure: dt.date
    room_id: int | None = None
    room_type_id: int | None = None
    adults: int = 1
    children: int = 0
    guest_id: int | None = None
    guest: booking.GuestInput | None = None
    rate_plan_id: int | None = None


def _in_row(problems: Sequence[api.Problem], i: int) -> list[api.Problem]:
    return [
        dataclasses.replace(p, field=f"rooms.{i}.{p.field}" if p.field else f"rooms.{i}")
        for p in problems
    ]


def _rows_problems(actor: api.Actor, rooms: Sequence[GroupRoom]) -> list[api.Problem]:
    if not rooms:
        return [api.Problem("REQUIRED", "core.required", "rooms")]
    if len(rooms) > MAX_ROOMS:
        return [api.Problem("TOO_MANY", "lodging.too_many_rooms", "rooms", {"max": MAX_ROOMS})]
    problems: list[api.Problem] = []
    for i, row in enumerate(rooms):
        found = booking.input_problems(
            actor,
            rate=None,
            arrival=row.arrival,
            departure=row.departure,
            adults=row.adults,
            children=row.children,
            status=m.CONFIRMED,
            guest=row.guest,
            # No guest: the holder's name (checked when the holder is).
            guest_id=row.guest_id if row.guest is not None or row.guest_id else 0,
            room_id=row.room_id,
            room_type_id=row.room_type_id,
            channel_booking_id=None,
        )
        problems += _in_row(found, i)
    return problems


def _group_problems(
    name: str, holder_id: int | None, holder: booking.GuestInput | None, billing: str, ref: str
) -> list[api.Problem]:
    problems: list[api.Problem] = []
    if not name:
        problems.append(api.Problem("REQUIRED", "core.required", "name"))
    elif len(name) > MAX_NAME:
        problems.append(api.Problem("TOO_LONG", "core.too_long", "name", {"max": MAX_NAME}))
    if holder_id is None and (holder is None or not holder.full_name.strip()):
        problems.append(api.Problem("REQUIRED", "core.required", "holder"))
    if holder_id is not None and holder is not None:
        problems.append(api.Problem("INVALID", "lodging.holder_or_holder_id", "holderId"))
    if billing not in g.BILLING_MODES:
        problems.append(api.Problem("INVALID", "lodging.invalid_group_billing", "billing"))
    if len(ref) > MAX_REFERENCE:
        problems.append(
            api.Problem("TOO_LONG", "core.too_long", "bookingReference", {"max": MAX_REFERENCE})
        )
    return problems


async def _book_rows(
    actor: api.Actor,
    group: g.ReservationGroup,
    rooms: Sequence[GroupRoom],
    channel: str,
) -> list[m.Reservation]:
    """Inside the group's transaction: each row booked as a single booking, its room linked to
    the group and its folio billed as the group says; a row refused refuses them all."""
    booked: list[m.Reservation] = []
    for i, row in enumerate(rooms):
        try:
            res = await booking.create_reservation(
                actor,
                room_id=row.room_id,
                room_type_id=row.room_type_id,
                arrival=row.arrival,
                departure=row.departure,
                guest_id=row.guest_id if row.guest is not None or row.guest_id else group.holder_id,
                guest=row.guest,
                adults=row.adults,
                children=row.children,
                channel=channel,
                rate_plan_id=row.rate_plan_id,
            )
        except api.ServiceError as exc:
            raise api.ServiceError("INVALID", problems=_in_row(exc.problems, i)) from None
        if res.site_id != group.site_id:
            field = "roomId" if row.room_id is not None else "roomTypeId"
            raise api.ServiceError("INVALID", "lodging.group_other_site", f"rooms.{i}.{field}")
        booked.append(res)
    await g.ReservationGroupRoom.bulk_create(
        [g.ReservationGroupRoom(group_id=group.id, reservation_id=r.id) for r in booked]
    )
    if group.billing != g.INDIVIDUAL:
        codes = ROOM_CODES if group.billing == g.ROOMS_TO_MASTER else []
        billed = [r for r in booked if r.guest_id != group.holder_id or codes]
        if billed:
            await bm.FolioBilling.bulk_create(
                [
                    bm.FolioBilling(
                        reservation_id=r.id, bill_to_id=group.holder_id, charge_codes=codes
                    )
                    for r in billed
                ]
            )
    return booked


def _state(group: g.ReservationGroup, reservation_ids: list[int]) -> ReservationGroupState:
    return ReservationGroupState(
        group_id=group.id,
        site_id=group.site_id,
        name=group.name,
        holder_party_id=group.holder_id,
        booking_reference=group.booking_reference,
        billing=group.billing,
        reservation_ids=reservation_ids,
    )


def _audit(group: g.ReservationGroup, reservation_ids: list[int]) -> dict[str, Any]:
    return {**_state(group, reservation_ids).model_dump(), "cancelled": group.cancelled_at}


async def create_group(
    actor: api.Actor,
    *,
    site_id: int,
    name: str,
    rooms: Sequence[GroupRoom],
    holder_id: int | None = None,
    holder: booking.GuestInput | None = None,
    billing: str = g.MASTER,
    booking_reference: str | None = None,
    notes: str = "",
    channel: str = "direct",
) -> g.ReservationGroup:
    """Book every row or none: a refused row's error names it (``rooms.<n>.<field>``)."""
    name = name.strip()
    ref = (booking_reference or "").strip()
    problems = _group_problems(name, holder_id, holder, billing, ref)
    problems += _rows_problems(actor, rooms)
    if problems:
        raise api.ServiceError("INVALID", problems=problems)
    if not actor.may_see_site(site_id) or not await api.SiteModel.filter(id=site_id).exists():
        raise api.ServiceError("NOT_FOUND", "core.not_found", "siteId")
    async with api.atomic():
        if holder_id is not None:
            try:
                await booking.existing_guest(actor, holder_id)
            except api.ServiceError:
                raise api.ServiceError("NOT_FOUND", "core.not_found", "holderId") from None
            await api.link_party_to_site(holder_id, site_id)
        else:
            assert holder is not None
            try:
                holder_id, _ = await booking.guest_by_name(actor, holder, site_id)
            except api.ServiceError as exc:
                raise api.ServiceError(exc.code, exc.problems[0].message, "holder.email") from None
        await api.SiteModel.filter(id=site_id).select_for_update(no_key=True).first()
        group = await g.ReservationGroup.create(
            site_id=site_id,
            name=name,
            holder_id=holder_id,
            booking_reference=ref or None,
            billing=billing,
            notes=notes,
        )
        booked = await _book_rows(actor, group, rooms, channel)
        ids = [r.id for r in booked]
        await api.record(actor, "reservationGroupCreate", group, after=_audit(group, ids))
        await api.publish(
            RESERVATION_GROUP_CREATED,
            _state(group, ids),
            aggregate=f"reservation_group:{group.id}",
            site_id=site_id,
        )
    return group


async def _locked_group(actor: api.Actor, group_id: int) -> g.ReservationGroup:
    """Inside a transaction: the group's holder locked (first, as when the group was booked:
    its rooms' bookings and cancellations lock the holder, a party, before anything else),
    then the group."""
    holder = await column(g.ReservationGroup.filter(id=group_id), "holder_id")
    if holder:
        await api.PartyModel.filter(id=holder[0]).select_for_update(no_key=True).first()
    group = await g.ReservationGroup.filter(id=group_id).select_for_update().first()
    if group is None or not actor.may_see_site(group.site_id):
        raise api.ServiceError("NOT_FOUND", "core.not_found", "groupId")
    return group


async def add_rooms(
    actor: api.Actor, group_id: int, rooms: Sequence[GroupRoom], channel: str = "direct"
) -> g.ReservationGroup:
    """More rooms for a group, all or none (the rows numbered as given)."""
    problems = _rows_problems(actor, rooms)
    if problems:
        raise api.ServiceError("INVALID", problems=problems)
    async with api.atomic():
        group = await _locked_group(actor, group_id)
        if group.cancelled_at is not None:
            raise api.ServiceError("INVALID_TRANSITION", "lodging.group_cancelled", "groupId")
        await api.SiteModel.filter(id=group.site_id).select_for_update(no_key=True).first()
        booked = await _book_rows(actor, group, rooms, channel)
        ids = [r.id for r in booked]
        await api.record(actor, "reservationGroupRoomsAdd", group, after=_audit(group, ids))
        await api.publish(
            RESERVATION_GROUP_ROOMS_ADDED,
            _state(group, ids),
            aggregate=f"reservation_group:{group.id}",
            site_id=group.site_id,
        )
    return group


async def cancel_group(actor: api.Actor, group_id: int, reason: str = "") -> g.ReservationGroup:
    """Cancel every room of the group not yet arrived (each as ``reservationCancel`` does, its
    policy fee and deposit included); rooms in house or gone are left as they are."""
    async with api.atomic():
        group = await _locked_group(actor, group_id)
        if group.cancelled_at is not None:
            raise api.ServiceError("INVALID_TRANSITION", "lodging.group_cancelled", "groupId")
        ids = [
            int(i)
            for i in await column(
                m.Reservation.filter(
                    group_link__group_id=group.id, status__in=CANCELLABLE
                ).order_by("id"),
                "id",
            )
        ]
        if not ids:
            raise api.ServiceError(
                "INVALID_TRANSITION", "lodging.group_nothing_to_cancel", "groupId"
            )
        for reservation_id in ids:
            await cancel(actor, reservation_id, reason)
        group.cancelled_at = clock.now()
        await group.save(update_fields=["cancelled_at"])
        await api.record(
            actor, "reservationGroupCancel", group, after={**_audit(group, ids), "reason": reason}
        )
        await api.publish(
            RESERVATION_GROUP_CANCELLED,
            _state(group, ids),
            aggregate=f"reservation_group:{group.id}",
            site_id=group.site_id,
        )
    return group


def status_of(statuses: Sequence[str]) -> str:
    """A group's status from its rooms': in house while any guest is, booked while any room is
    still to come, departed once every room is over and someone stayed, else cancelled."""
    if m.CHECKED_IN in statuses:
        return IN_HOUSE
    if any(s in CANCELLABLE for s in statuses):
        return BOOKED
    if m.CHECKED_OUT in statuses:
        return DEPARTED
    return CANCELLED


async def statuses(group_ids: Sequence[int]) -> dict[int, list[str]]:
    """The statuses of each group's reservations (one query for a page of groups)."""
    found: dict[int, list[str]] = {i: [] for i in group_ids}
    rows = await g.ReservationGroupRoom.filter(group_id__in=list(group_ids)).values(
        "group_id", "reservation__status"
    )
    for row in rows:
        found[row["group_id"]].append(row["reservation__status"])
    return found


async def totals(group_ids: Sequence[int]) -> dict[int, Totals]:
    """What each group's folios add up to (charges, payments, lines): two queries for a page."""
    rows = await g.ReservationGroupRoom.filter(group_id__in=list(group_ids)).values(
        "group_id", "reservation_id"
    )
    sums = await folio_totals([row["reservation_id"] for row in rows])
    found = {i: Totals() for i in group_ids}
    for row in rows:
        one = sums.get(row["reservation_id"])
        if one is not None:
            was = found[row["group_id"]]
            found[row["group_id"]] = Totals(
                was.total + one.total, was.paid + one.paid, was.lines + one.lines
            )
    return found


async def groups_of(reservation_ids: Sequence[int]) -> dict[int, g.ReservationGroup]:
    """The group of each reservation of a page that has one (one query)."""
    rows = await g.ReservationGroupRoom.filter(
        reservation_id__in=list(reservation_ids)
    ).select_related("group")
    return {row.reservation_id: row.group for row in rows}
