from __future__ import annotations

import strawberry

from sportello import api
from sportello_lodging import models, services
from sportello_lodging.graphql.types import RoomPayload


@strawberry.input
class RoomClosureDeleteInput:
    id: strawberry.ID


@api.mutation("lodging.manage", RoomPayload)
async def room_closure_delete(info: strawberry.Info, input: RoomClosureDeleteInput) -> models.Room:
    """Take a closure off: the room is bookable again for its days. Answers with the room."""
    return await services.delete_closure(
        info.context.actor, api.decode_id(input.id, "RoomClosure", "id")
    )
