"""Lodging's lists: room types, rooms, reservations and the day's arrivals, departures and guests
in house, availability and the room rack. The connections restrict every list to the caller's
sites; a ``siteId`` argument narrows it to one site (a malformed one is an INVALID_ID error)."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterable
from typing import Annotated, Any, cast

import strawberry

from sportello import api
from sportello_lodging import group_models, models, services
from sportello_lodging.graphql.groups import ReservationGroup
from sportello_lodging.graphql.rack import RackSource
from sportello_lodging.graphql.types import (
    RackRow,
    RatePlan,
    Reservation,
    ReservationStatus,
    Room,
    RoomAvailability,
    RoomClosure,
    RoomType,
)

SiteId = strawberry.ID | None
From = Annotated[dt.date | None, strawberry.argument(name="from")]


#: The rack's rows are no nodes: the connection pages them all the same (a ``PagedSource``),
#: but strawberry bounds ``Connection``'s type parameter to ``Node``.
RackRowConnection: Any = api.Connection[RackRow]  # type: ignore[type-var]


@strawberry.type
class LodgingQueries:
    @api.connection(api.Connection[RoomType], "lodging.rooms.view")
    def room_types(self, site_id: SiteId = None) -> AsyncIterable[models.RoomType]:
        return api.for_site(models.RoomType.all(), site_id)

    @api.connection(api.Connection[RoomClosure], "lodging.view")
    def room_closures(self, site_id: SiteId = None) -> AsyncIterable[models.RoomClosure]:
        """Rooms out of order, by start day (past closures included)."""
        return api.for_site(models.RoomClosure.all(), site_id)

    @api.connection(api.Connection[RatePlan], "lodging.rooms.view")
    def rate_plans(self, site_id: SiteId = None) -> AsyncIterable[models.RatePlan]:
        """The rate plans of the sites, by code."""
        return api.for_site(models.RatePlan.all(), site_id)

    @api.connection(api.Connection[Room], "lodging.rooms.view")
    def rooms(self, site_id: SiteId = None, floor: int | None = None) -> AsyncIterable[models.Room]:
        qs = models.Room.all() if floor is None else models.Room.filter(floor=floor)
        return api.for_site(qs, site_id)

    @api.connection(api.Connection[Reservation], "lodging.view")
    def reservations(
        self,
        site_id: SiteId = None,
        status: ReservationStatus | None = None,
        from_: From = None,
        to: dt.date | None = None,
    ) -> AsyncIterable[models.Reservation]:
        qs = services.find_reservations(status.value if status else None, from_, to)
        return api.for_site(qs, site_id)

    @api.connection(api.Connection[ReservationGroup], "lodging.view")
    def reservation_groups(
        self, site_id: SiteId = None
    ) -> AsyncIterable[group_models.ReservationGroup]:
        """Group bookings, the latest first."""
        return api.for_site(group_models.ReservationGroup.all().order_by("-id"), site_id)

    @api.connection(
        api.Connection[Reservation],
        "lodging.view",
        description=(
            "Reservations found by the guest's name (any part of it, accents and case ignored; "
            "every word must match), the booking reference (R-000123) or the channel's booking "
            "id: the latest arrival first."
        ),
    )
    def reservation_search(
        self, text: str, site_id: SiteId = None
    ) -> AsyncIterable[models.Reservation]:
        return api.for_site(services.search.search(text), site_id)

    @api.connection(api.Connection[Reservation], "lodging.view")
    def lodging_arrivals(
        self, day: dt.date, site_id: SiteId = None
    ) -> AsyncIterable[models.Reservation]:
        """Reservations arriving on a day (expected or already checked in)."""
        return api.for_site(services.arriving(day), site_id)

    @api.connection(api.Connection[Reservation], "lodging.view")
    def lodging_departures(
        self, day: dt.date, site_id: SiteId = None
    ) -> AsyncIterable[models.Reservation]:
        """Reservations departing on a day (still in house or already checked out)."""
        return api.for_site(services.departing(day), site_id)

    @api.connection(api.Connection[Reservation], "lodging.view")
    def lodging_in_house(self, site_id: SiteId = None) -> AsyncIterable[models.Reservation]:
        """Guests in house now."""
        return api.for_site(services.in_house(), site_id)

    @api.query(
        "lodging.view",
        description=(
            "The payment method codes folioPaymentAdd takes: cash, card, bank_transfer, cheque, "
            "direct_debit, other, then those the setting payment_methods adds."
        ),
    )
    def folio_payment_methods(self) -> list[str]:
        return list(services.payment_methods())

    @api.query("lodging.view", description="Free rooms per room type for a stay and a party size.")
    async def room_availability(
        self,
        info: strawberry.Info,
        site_id: strawberry.ID,
        arrival: dt.date,
        departure: dt.date,
        adults: int = 1,
        children: int = 0,
    ) -> list[RoomAvailability]:
        site = api.decode_id(site_id, "Site", "siteId")
        if departure <= arrival:
            return []
        found = await services.availability(
            info.context.actor, site, arrival, departure, adults, children
        )
        return [
            RoomAvailability(room_type=a.room_type, available=a.available, rooms=a.rooms)
            for a in found
        ]

    @api.connection(
        RackRowConnection,
        "lodging.view",
        description=(
            "Rooms by nights (up to 31 from `from`): which reservation holds each room on each "
            "night, a page of rooms at a time."
        ),
    )
    def room_rack(
        self,
        info: strawberry.Info,
        site_id: strawberry.ID,
        from_: Annotated[dt.date, strawberry.argument(name="from")],
        days: int = 14,
    ) -> AsyncIterable[RackRow]:
        site = api.decode_id(site_id, "Site", "siteId")
        rooms = api.scoped(models.Room.filter(site_id=site), info.context.actor)
        days = services.rack_days(from_, days)
        # A PagedSource, which the connection pages; strawberry wants an iterable annotation.
        return cast("AsyncIterable[RackRow]", RackSource(rooms, from_, days))
