from __future__ import annotations

import strawberry

from sportello.graphql import typed
from sportello.graphql.errors import errors_of
from sportello.graphql.ids import decode_id
from sportello.identity import services
from sportello.identity.graphql.types import ApiToken, IdentityError, api_token_of
from sportello.identity.permissions import requires
from sportello.services import ServiceError


@strawberry.input
class ApiTokenRevokeInput:
    id: strawberry.ID


@strawberry.type
class ApiTokenRevokePayload:
    api_token: ApiToken | None = None
    errors: list[IdentityError] = strawberry.field(default_factory=list)


@strawberry.type
class ApiTokenRevokeMutation:
    @typed.mutation(permission_classes=[requires("identity.users.manage")])
    async def api_token_revoke(
        self, info: strawberry.Info, input: ApiTokenRevokeInput
    ) -> ApiTokenRevokePayload:
        try:
            token = await services.revoke_api_token(
                info.context.actor, info.context.runtime, decode_id(input.id, "ApiToken", "id")
            )
        except ServiceError as exc:
            return ApiTokenRevokePayload(errors=errors_of(exc, info, IdentityError))
        return ApiTokenRevokePayload(api_token=api_token_of(token))
