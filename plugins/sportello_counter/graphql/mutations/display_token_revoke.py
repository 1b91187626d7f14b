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
class DisplayTokenRevokeInput:
    id: strawberry.ID


@strawberry.type
class DisplayTokenRevokeMutation:
    @strawberry.mutation(
        permission_classes=[requires("counter.manage")],
        description="Revoke a hall display token: displays using it get 'revoked' and stop.",
    )
    async def display_token_revoke(
        self, info: strawberry.Info, input: DisplayTokenRevokeInput
    ) -> DisplayTokenPayload:
        try:
            token = await services.revoke_display_token(
                info.context.actor, decode_id(input.id, "DisplayToken", "id")
            )
        except ServiceError as exc:
            return DisplayTokenPayload(errors=errors_of(exc, info, CounterError))
        return DisplayTokenPayload(display_token=token)  # type: ignore[arg-type]
