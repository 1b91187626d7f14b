from __future__ import annotations

import datetime as dt
from typing import Any

import strawberry

from sportello import api
from sportello_lodging import models, services
from sportello_lodging.graphql.types import RoomClosurePayload


@strawberry.input
class RoomClosureCreateInput:
    room_id: strawberry.ID
    start: dt.date
    end: dt.date = strawberry.field(description="First day the room is back in service")
    reason: str


@api.mutation("lodging.manage", RoomClosurePayload)
async def room_closure_create(info: strawberry.Info, input: RoomClosureCreateInput) -> Any:
    """Put a room out of order for some days (refused while it is booked)."""
    room_id = api.decode_id(input.room_id, "Room", "roomId")
    closure = await services.create_closure(
        info.context.actor, room_id, input.start, input.end, input.reason
    )
    room = await models.Room.get(id=room_id).prefetch_related("room_type")
    return {"room_closure": closure, "room": room}
