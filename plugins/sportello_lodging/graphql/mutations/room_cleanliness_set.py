from __future__ import annotations

import strawberry

from sportello import api
from sportello_lodging import models, services
from sportello_lodging.graphql.types import Cleanliness, RoomPayload


@api.mutation("lodging.housekeeping", RoomPayload)
async def room_cleanliness_set(
    info: strawberry.Info, id: strawberry.ID, cleanliness: Cleanliness
) -> models.Room:
    """Housekeeping: mark a room dirty, clean or inspected."""
    room_id = api.decode_id(id, "Room", "id")
    return await services.set_cleanliness(info.context.actor, room_id, cleanliness.value)
