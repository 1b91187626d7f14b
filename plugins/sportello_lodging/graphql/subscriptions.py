from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry

from sportello.events import subscribe
from sportello.graphql.ids import decode_optional
from sportello.identity.permissions import requires
from sportello.services import ServiceError
from sportello_lodging import models, services
from sportello_lodging.graphql.types import RoomStatusChange


@strawberry.type
class LodgingSubscriptions:
    @strawberry.subscription(
        permission_classes=[requires("lodging.rooms.view")],
        description="Every change of a room's status (check-in, checkout, housekeeping, closures).",
    )
    async def room_status_changed(
        self, info: strawberry.Info, site_id: strawberry.ID | None = None
    ) -> AsyncGenerator[RoomStatusChange, None]:
        try:
            only_site = decode_optional(site_id, "Site", "siteId")
        except ServiceError:
            return
        actor = info.context.actor
        async for event in subscribe(info, [services.ROOM_STATUS_CHANGED]):
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
            yield RoomStatusChange(room=room)  # type: ignore[arg-type]
