from __future__ import annotations

import strawberry

from sportello.graphql.errors import errors_of
from sportello.graphql.ids import decode_id
from sportello.identity.permissions import requires
from sportello.services import ServiceError
from sportello_lodging import services
from sportello_lodging.graphql.mutations._common import RoomPayload
from sportello_lodging.graphql.types import Cleanliness, LodgingError


@strawberry.input
class RoomCleanlinessSetInput:
    id: strawberry.ID
    cleanliness: Cleanliness


@strawberry.type
class RoomCleanlinessSetMutation:
    @strawberry.mutation(
        permission_classes=[requires("lodging.housekeeping")],
        description="Housekeeping: mark a room dirty, clean or inspected.",
    )
    async def room_cleanliness_set(
        self, info: strawberry.Info, input: RoomCleanlinessSetInput
    ) -> RoomPayload:
        try:
            room = await services.set_cleanliness(
                info.context.actor, decode_id(input.id, "Room", "id"), input.cleanliness.value
            )
        except ServiceError as exc:
            return RoomPayload(errors=errors_of(exc, info, LodgingError))
        return RoomPayload(room=room)  # type: ignore[arg-type]
