"""The reservation as a GraphQL type (its folio is in ``folio.py``)."""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Awaitable
from decimal import Decimal
from typing import Any

import strawberry
from strawberry import relay

from sportello import api
from sportello_lodging import models, services
from sportello_lodging.graphql.folio import Folio, load_folios
from sportello_lodging.graphql.registry import REGISTRY, GuestRegistration, visible_registrations
from sportello_lodging.graphql.types_common import Pending, ReservationStatus, _pending
from sportello_lodging.graphql.types_rooms import Room, RoomType
from sportello_reception.api import Arrival


async def load_registered_guests(reservations: list[Any]) -> None:
    """How many guests each reservation of a page has in the guest registry (one query)."""
    counts = await services.registered_guests([res.id for res in reservations])
    for res in reservations:
        res.registered_guests = counts.get(res.id, 0)


def _complete(res: models.Reservation, registered: int) -> bool:
    return services.is_registry_complete(registered, res.adults, res.children)


def _registry_complete(root: strawberry.Parent[models.Reservation]) -> Pending[bool]:
    count = getattr(root, "registered_guests", None)
    return _registry_complete_now(root) if count is None else _complete(root, count)


async def _registry_complete_now(res: models.Reservation) -> bool:
    await load_registered_guests([res])
    return _complete(res, getattr(res, "registered_guests", 0))


def _nights(root: strawberry.Parent[models.Reservation]) -> int:
    return (root.departure - root.arrival).days


def _rate_plan_id(root: strawberry.Parent[models.Reservation]) -> strawberry.ID | None:
    plan: int | None = root.rate_plan_id
    return None if plan is None else api.encode_id("RatePlan", plan)


def _guest_name(root: strawberry.Parent[models.Reservation]) -> Pending[str]:
    name: Pending[str] = api.follow(root, "guest.display_name")
    return name


def _party_name(root: strawberry.Parent[models.Reservation]) -> str | None:
    return _pending(_guest_name(root))


def _folio(root: strawberry.Parent[models.Reservation]) -> Pending[Folio]:
    folio: Folio | None = getattr(root, "loaded_folio", None)
    return _folio_now(root) if folio is None else folio


async def _folio_now(res: models.Reservation) -> Folio:
    await load_folios([res])
    folio: Folio = getattr(res, "loaded_folio")  # noqa: B009  # set by load_folios
    return folio


async def _registrations(
    root: strawberry.Parent[models.Reservation], info: strawberry.Info
) -> list[models.GuestRegistration] | None:
    if not info.context.actor.has(REGISTRY):
        return None  # before loading: the rows are not for this reader
    regs = root.registrations
    rows = regs.related_objects if regs._fetched else await regs.all()
    return visible_registrations(info, list(rows))


def _arrival_kind(root: strawberry.Parent[models.Reservation]) -> str:
    return "reservation"


def _expected_at(root: strawberry.Parent[models.Reservation]) -> dt.datetime | None:
    timezone = api.follow(root, "site.timezone")
    if inspect.isawaitable(timezone):
        later: Pending[dt.datetime] = _expected_at_later(root.arrival, timezone)
        return _pending(later)
    return services.expected_at(root.arrival, timezone)


async def _expected_at_later(arrival: dt.date, timezone: Awaitable[str]) -> dt.datetime:
    return services.expected_at(arrival, await timezone)


def _arrived_at(root: strawberry.Parent[models.Reservation]) -> dt.datetime | None:
    return root.checked_in_at


def _arrival_status(root: strawberry.Parent[models.Reservation]) -> str:
    return services.arrival_status(root.status)


@strawberry.type(description="A stay: a guest in a room from arrival to departure.")
class Reservation(api.ModelNode, Arrival):
    __model__ = models.Reservation
    __permission__ = "lodging.view"
    __site_field__ = "site_id"
    __needs__ = {
        "nights": api.needs("arrival", "departure"),
        "rate_plan_id": api.needs("rate_plan_id"),
        "guest_name": api.needs("guest.display_name"),
        "folio": api.needs("currency", batch=load_folios),
        "registrations": api.needs("registrations"),
        "arrival_kind": api.needs(),
        "party_name": api.needs("guest.display_name"),
        "arrival_status": api.needs("status"),
        "expected_at": api.needs("arrival", "site.timezone"),
        "arrived_at": api.needs("checked_in_at"),
        "registry_complete": api.needs("adults", "children", batch=load_registered_guests),
    }

    id: relay.NodeID[int]
    status: ReservationStatus
    arrival: dt.date
    departure: dt.date
    adults: int
    children: int
    rate: Decimal
    channel: str
    channel_booking_id: str | None = strawberry.field(
        description="The booking's id at the channel that sold it, if any"
    )
    notes: str
    currency: str
    checked_in_at: dt.datetime | None
    checked_out_at: dt.datetime | None
    created_at: dt.datetime
    guest: api.Party
    room: Room
    room_type: RoomType

    nights = strawberry.field(resolver=_nights)
    rate_plan_id = strawberry.field(
        resolver=_rate_plan_id, description="The rate plan the stay was sold on"
    )
    guest_name = strawberry.field(
        resolver=_guest_name,
        graphql_type=str,
        description="The guest's display name, as printed at the desk.",
    )
    folio = strawberry.field(
        resolver=_folio,
        graphql_type=Folio,
        description="What the guest owes: totals, balance and the lines, a page at a time.",
    )
    registry_complete = strawberry.field(
        resolver=_registry_complete,
        graphql_type=bool,
        description=(
            "Whether every guest in the room (adults and children) is in the guest registry."
        ),
    )
    registrations = strawberry.field(
        resolver=_registrations,
        graphql_type=list[GuestRegistration] | None,
        description=(
            "The guest registry entries of the stay (at most the room's capacity); null "
            "without the permission lodging.registry."
        ),
        metadata=api.list_size(services.limits.MAX_CAPACITY),
    )

    # Arrival (reception)
    arrival_kind = strawberry.field(resolver=_arrival_kind, description="reservation")
    expected_at = strawberry.field(
        resolver=_expected_at,
        description="The check-in hour (setting check_in_hour) of the arrival day at the site.",
    )
    arrived_at = strawberry.field(resolver=_arrived_at, description="When the guest checked in.")
    party_name = strawberry.field(resolver=_party_name)
    arrival_status = strawberry.field(
        resolver=_arrival_status, description="expected, arrived, left, cancelled, no_show"
    )
