from __future__ import annotations

import strawberry

from sportello import api
from sportello_lodging import models, services
from sportello_lodging.graphql.types import RoomPayload


@api.mutation("lodging.manage", RoomPayload)
async def room_create(
    info: strawberry.Info, room_type_id: strawberry.ID, number: str, floor: int = 0
) -> models.Room:
    return await services.create_room(
        info.context.actor,
        api.decode_id(room_type_id, "RoomType", "roomTypeId"),
        number,
        floor,
    )
