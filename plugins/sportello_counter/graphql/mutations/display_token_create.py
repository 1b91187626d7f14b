from __future__ import annotations

import strawberry

from sportello.graphql.errors import errors_of
from sportello.graphql.ids import decode_id
from sportello.identity.permissions import requires
from sportello.services import ServiceError
from sportello_counter import services
from sportello_counter.graphql.mutations._common import DisplayTokenPayload
from sportello_counter.graphql.types import CounterError


@strawberry.input
class DisplayTokenCreateInput:
    site_id: strawberry.ID
    label: str = ""


@strawberry.type
class DisplayTokenCreateMutation:
    @strawberry.mutation(
        permission_classes=[requires("counter.manage")],
        description="A token for one hall display of one site (hallDisplay subscription).",
    )
    async def display_token_create(
        self, info: strawberry.Info, input: DisplayTokenCreateInput
    ) -> DisplayTokenPayload:
        try:
            raw, token = await services.create_display_token(
                info.context.actor, decode_id(input.site_id, "Site", "siteId"), input.label
            )
        except ServiceError as exc:
            return DisplayTokenPayload(errors=errors_of(exc, info, CounterError))
        return DisplayTokenPayload(display_token=token, token=raw)  # type: ignore[arg-type]
