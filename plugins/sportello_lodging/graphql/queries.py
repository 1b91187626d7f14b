from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Annotated, Any

import strawberry
from strawberry import relay
from tortoise.queryset import QuerySet

from sportello.graphql.ids import decode_optional
from sportello.graphql.relay import Connection, scope_to_sites
from sportello.identity.permissions import requires
from sportello.services import ServiceError
from sportello_lodging import models, services
from sportello_lodging.graphql.rack import RackSource
from sportello_lodging.graphql.types import (
    RackRow,
    Reservation,
    ReservationStatus,
    Room,
    RoomAvailability,
    RoomType,
)

VIEW = [requires("lodging.view")]
ROOMS_VIEW = [requires("lodging.rooms.view")]


def _site(site_id: strawberry.ID | None) -> int | None:
    try:
        return decode_optional(site_id, "Site", "siteId")
    except ServiceError:
        return -1


def _reservations(
    info: strawberry.Info, qs: QuerySet[Any], site_id: strawberry.ID | None
) -> Iterable[Reservation]:
    if site_id is not None:
        qs = qs.filter(site_id=_site(site_id))
    qs = scope_to_sites(qs, info.context.actor, "site_id")
    return qs  # type: ignore[return-value]


@strawberry.type
class LodgingQueries:
    @relay.connection(Connection[RoomType], permission_classes=ROOMS_VIEW)
    def room_types(
        self, info: strawberry.Info, site_id: strawberry.ID | None = None
    ) -> Iterable[RoomType]:
        qs = models.RoomType.all()
        if site_id is not None:
            qs = qs.filter(site_id=_site(site_id))
        return scope_to_sites(qs, info.context.actor, "site_id")  # type: ignore[return-value]

    @relay.connection(Connection[Room], permission_classes=ROOMS_VIEW)
    def rooms(
        self,
        info: strawberry.Info,
        site_id: strawberry.ID | None = None,
        floor: int | None = None,
    ) -> Iterable[Room]:
        qs = models.Room.all()
        if site_id is not None:
            qs = qs.filter(site_id=_site(site_id))
        if floor is not None:
            qs = qs.filter(floor=floor)
        qs = scope_to_sites(qs, info.context.actor, "site_id")
        return qs  # type: ignore[return-value]

    @relay.connection(Connection[Reservation], permission_classes=VIEW)
    def reservations(
        self,
        info: strawberry.Info,
        site_id: strawberry.ID | None = None,
        status: ReservationStatus | None = None,
        from_: Annotated[dt.date | None, strawberry.argument(name="from")] = None,
        to: dt.date | None = None,
    ) -> Iterable[Reservation]:
        qs = models.Reservation.all()
        if status is not None:
            qs = qs.filter(status=status.value)
        if from_ is not None:
            qs = qs.filter(departure__gt=from_)
        if to is not None:
            qs = qs.filter(arrival__lt=to)
        return _reservations(info, qs, site_id)

    @relay.connection(
        Connection[Reservation],
        permission_classes=VIEW,
        description="Reservations arriving on a day (expected or already checked in).",
    )
    def lodging_arrivals(
        self, info: strawberry.Info, day: dt.date, site_id: strawberry.ID | None = None
    ) -> Iterable[Reservation]:
        qs = models.Reservation.filter(
            arrival=day, status__in=(models.CONFIRMED, models.CHECKED_IN, models.CHECKED_OUT)
        )
        return _reservations(info, qs, site_id)

    @relay.connection(
        Connection[Reservation],
        permission_classes=VIEW,
        description="Reservations departing on a day (still in house or already checked out).",
    )
    def lodging_departures(
        self, info: strawberry.Info, day: dt.date, site_id: strawberry.ID | None = None
    ) -> Iterable[Reservation]:
        qs = models.Reservation.filter(
            departure=day, status__in=(models.CONFIRMED, models.CHECKED_IN, models.CHECKED_OUT)
        )
        return _reservations(info, qs, site_id)

    @relay.connection(
        Connection[Reservation],
        permission_classes=VIEW,
        description="Guests in house now.",
    )
    def lodging_in_house(
        self, info: strawberry.Info, site_id: strawberry.ID | None = None
    ) -> Iterable[Reservation]:
        qs = models.Reservation.filter(status=models.CHECKED_IN)
        return _reservations(info, qs, site_id)

    @strawberry.field(
        permission_classes=VIEW,
        description="Free rooms per room type for a stay and a party size.",
    )
    async def room_availability(
        self,
        info: strawberry.Info,
        site_id: strawberry.ID,
        arrival: dt.date,
        departure: dt.date,
        adults: int = 1,
        children: int = 0,
    ) -> list[RoomAvailability]:
        site = _site(site_id)
        if site is None or departure <= arrival:
            return []
        found = await services.availability(
            info.context.actor, site, arrival, departure, adults, children
        )
        return [
            RoomAvailability(room_type=a.room_type, available=a.available, rooms=a.rooms)  # type: ignore[arg-type]
            for a in found
        ]

    @relay.connection(
        Connection[RackRow],
        permission_classes=VIEW,
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
    ) -> Iterable[RackRow]:
        site = _site(site_id)
        if site is None or not info.context.actor.may_see_site(site):
            site = None
        days = max(1, min(days, services.RACK_MAX_DAYS))
        return RackSource(site, from_, days)  # type: ignore[return-value]
