from __future__ import annotations

import strawberry

from sportello.graphql.errors import errors_of
from sportello.graphql.ids import decode_id
from sportello.identity.permissions import requires
from sportello.services import ServiceError
from sportello_reception import services
from sportello_reception.graphql.types import FrontDesk, ReceptionError


@strawberry.input
class FrontDeskCreateInput:
    site_id: strawberry.ID
    code: str
    name: str
    kind: str = "reception"


@strawberry.type
class FrontDeskCreatePayload:
    front_desk: FrontDesk | None = None
    errors: list[ReceptionError] = strawberry.field(default_factory=list)


@strawberry.type
class FrontDeskCreateMutation:
    @strawberry.mutation(permission_classes=[requires("reception.manage")])
    async def front_desk_create(
        self, info: strawberry.Info, input: FrontDeskCreateInput
    ) -> FrontDeskCreatePayload:
        try:
            site_id = decode_id(input.site_id, "Site", "siteId")
            desk = await services.create_front_desk(
                info.context.actor, site_id, input.code, input.name, input.kind
            )
        except ServiceError as exc:
            return FrontDeskCreatePayload(errors=errors_of(exc, info, ReceptionError))
        return FrontDeskCreatePayload(front_desk=desk)  # type: ignore[arg-type]
