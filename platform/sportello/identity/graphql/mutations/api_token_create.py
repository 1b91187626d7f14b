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
class ApiTokenCreateInput:
    service_account_id: strawberry.ID
    name: str
    scopes: list[str]
    expires_in_days: int | None = None


@strawberry.type
class ApiTokenCreatePayload:
    api_token: ApiToken | None = None
    secret: str | None = strawberry.field(
        default=None, description="The bearer token: shown now and never again."
    )
    errors: list[IdentityError] = strawberry.field(default_factory=list)


@strawberry.type
class ApiTokenCreateMutation:
    @typed.mutation(
        permission_classes=[requires("identity.users.manage")],
        description="A scoped token for a service account (scopes are permissions).",
    )
    async def api_token_create(
        self, info: strawberry.Info, input: ApiTokenCreateInput
    ) -> ApiTokenCreatePayload:
        try:
            raw, token = await services.create_api_token(
                info.context.actor,
                info.context.runtime,
                decode_id(input.service_account_id, "User", "serviceAccountId"),
                input.name,
                input.scopes,
                input.expires_in_days,
            )
        except ServiceError as exc:
            return ApiTokenCreatePayload(errors=errors_of(exc, info, IdentityError))
        return ApiTokenCreatePayload(api_token=api_token_of(token), secret=raw)
