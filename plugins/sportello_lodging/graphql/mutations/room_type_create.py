from __future__ import annotations

from decimal import Decimal

import strawberry

from sportello.graphql.errors import errors_of
from sportello.graphql.ids import decode_id
from sportello.identity.permissions import requires
from sportello.services import ServiceError
from sportello_lodging import services
from sportello_lodging.graphql.mutations._common import RoomTypePayload
from sportello_lodging.graphql.types import LodgingError


@strawberry.input
class RoomTypeCreateInput:
    site_id: strawberry.ID
    code: str
    name: str
    capacity: int = 2
    base_rate: Decimal = Decimal("0")
    amenities: list[str] = strawberry.field(default_factory=list)


@strawberry.type
class RoomTypeCreateMutation:
    @strawberry.mutation(permission_classes=[requires("lodging.manage")])
    async def room_type_create(
        self, info: strawberry.Info, input: RoomTypeCreateInput
    ) -> RoomTypePayload:
        try:
            rt = await services.create_room_type(
                info.context.actor,
                decode_id(input.site_id, "Site", "siteId"),
                input.code,
                input.name,
                input.capacity,
                input.base_rate,
                input.amenities,
            )
        except ServiceError as exc:
            return RoomTypePayload(errors=errors_of(exc, info, LodgingError))
        return RoomTypePayload(room_type=rt)  # type: ignore[arg-type]
