from __future__ import annotations

import datetime as dt

import strawberry

from sportello.graphql.errors import errors_of
from sportello.graphql.ids import decode_id
from sportello.identity.permissions import requires
from sportello.services import ServiceError
from sportello_lodging import services
from sportello_lodging.graphql.mutations._common import RoomPayload
from sportello_lodging.graphql.types import LodgingError


@strawberry.input
class RoomClosureCreateInput:
    room_id: strawberry.ID
    start: dt.date
    end: dt.date = strawberry.field(description="First day the room is back in service")
    reason: str


@strawberry.type
class RoomClosureCreateMutation:
    @strawberry.mutation(
        permission_classes=[requires("lodging.manage")],
        description="Put a room out of order for some days (refused while it is booked).",
    )
    async def room_closure_create(
        self, info: strawberry.Info, input: RoomClosureCreateInput
    ) -> RoomPayload:
        try:
            room_id = decode_id(input.room_id, "Room", "roomId")
            await services.create_closure(
                info.context.actor, room_id, input.start, input.end, input.reason
            )
        except ServiceError as exc:
            return RoomPayload(errors=errors_of(exc, info, LodgingError))
        from sportello_lodging.models import Room

        room = await Room.get(id=room_id).prefetch_related("room_type", "closures")
        return RoomPayload(room=room)  # type: ignore[arg-type]
