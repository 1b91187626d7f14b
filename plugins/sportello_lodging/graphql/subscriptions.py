from __future__ import annotations

from collections.abc import AsyncGenerator, Callable
from typing import Any

import strawberry
from strawberry.types.field import StrawberryField

from sportello import api
from sportello_lodging import models, services
from sportello_lodging.graphql.types import RoomStatusChange

#: strawberry's decorator, typed.
_subscription: Callable[[Callable[..., Any]], StrawberryField] = strawberry.subscription(
    permission_classes=[api.requires("lodging.rooms.view")],
    description="Every change of a room's status (check-in, checkout, housekeeping, closures).",
)


@strawberry.type
class LodgingSubscriptions:
    @_subscription
    async def room_status_changed(
        self, info: strawberry.Info, site_id: strawberry.ID | None = None
    ) -> AsyncGenerator[RoomStatusChange, None]:
        try:
            only_site = api.decode_optional(site_id, "Site", "siteId")
        except api.ServiceError:
            return
        actor = info.context.actor
        async for event in api.subscribe(info, [services.ROOM_STATUS_CHANGED]):
            if not actor.may_see_site(event.site_id):
                continue
            if only_site is not None and event.site_id != only_site:
                continue
            room = (
                await models.Room.filter(id=event.payload["room_id"])
                .prefetch_related("room_type", "closures")
                .first()
            )
            if room is None:
                continue
            # The event is fanned out when published, possibly before its transaction commits:
            # the payload carries the state as of the change.
            room.occupancy = event.payload.get("occupancy", room.occupancy)
            room.cleanliness = event.payload.get("cleanliness", room.cleanliness)
            yield RoomStatusChange(room=room)
