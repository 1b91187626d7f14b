from __future__ import annotations

import strawberry

from sportello.graphql.errors import errors_of
from sportello.graphql.ids import decode_id
from sportello.identity.permissions import requires
from sportello.services import ServiceError
from sportello_lodging import services
from sportello_lodging.graphql.mutations._common import RoomPayload
from sportello_lodging.graphql.types import LodgingError


@strawberry.input
class RoomCreateInput:
    room_type_id: strawberry.ID
    number: str
    floor: int = 0


@strawberry.type
class RoomCreateMutation:
    @strawberry.mutation(permission_classes=[requires("lodging.manage")])
    async def room_create(self, info: strawberry.Info, input: RoomCreateInput) -> RoomPayload:
        try:
            room = await services.create_room(
                info.context.actor,
                decode_id(input.room_type_id, "RoomType", "roomTypeId"),
                input.number,
                input.floor,
            )
        except ServiceError as exc:
            return RoomPayload(errors=errors_of(exc, info, LodgingError))
        return RoomPayload(room=room)  # type: ignore[arg-type]
