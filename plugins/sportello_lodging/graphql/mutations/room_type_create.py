from __future__ import annotations

from decimal import Decimal

import strawberry

from sportello import api
from sportello_lodging import models, services
from sportello_lodging.graphql.types import RoomTypePayload


# An explicit input: the amenities default to an empty list, which a generated one cannot hold.
@strawberry.input
class RoomTypeCreateInput:
    site_id: strawberry.ID
    code: str
    name: str
    capacity: int = 2
    base_rate: Decimal = Decimal("0")
    amenities: list[str] = strawberry.field(default_factory=list)


@api.mutation("lodging.manage", RoomTypePayload)
async def room_type_create(info: strawberry.Info, input: RoomTypeCreateInput) -> models.RoomType:
    return await services.create_room_type(
        info.context.actor,
        api.decode_id(input.site_id, "Site", "siteId"),
        input.code,
        input.name,
        input.capacity,
        input.base_rate,
        input.amenities,
    )
