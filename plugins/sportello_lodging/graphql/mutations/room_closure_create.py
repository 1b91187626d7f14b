from __future__ import annotations

import datetime as dt

import strawberry

from sportello import api
from sportello_lodging import models, services
from sportello_lodging.graphql.types import RoomPayload


@strawberry.input
class RoomClosureCreateInput:
    room_id: strawberry.ID
    start: dt.date
    end: dt.date = strawberry.field(description="First day the room is back in service")
    reason: str


@api.mutation("lodging.manage", RoomPayload)
async def room_closure_create(info: strawberry.Info, input: RoomClosureCreateInput) -> models.Room:
    """Put a room out of order for some days (refused while it is booked)."""
    room_id = api.decode_id(input.room_id, "Room", "roomId")
    await services.create_closure(info.context.actor, room_id, input.start, input.end, input.reason)
    return await models.Room.get(id=room_id).prefetch_related("room_type", "closures")
