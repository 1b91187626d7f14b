from __future__ import annotations

import strawberry

from sportello.graphql import typed
from sportello.graphql.errors import errors_of
from sportello.identity import services
from sportello.identity.graphql.types import IdentityError
from sportello.identity.permissions import Public
from sportello.services import ServiceError


@strawberry.input
class TokenRefreshInput:
    refresh_token: str


@strawberry.type
class TokenRefreshPayload:
    access_token: str | None = None
    refresh_token: str | None = None
    errors: list[IdentityError] = strawberry.field(default_factory=list)


@strawberry.type
class TokenRefreshMutation:
    @typed.mutation(
        permission_classes=[Public], description="Trade a refresh token for new tokens."
    )
    async def token_refresh(
        self, info: strawberry.Info, input: TokenRefreshInput
    ) -> TokenRefreshPayload:
        auth = info.context.runtime.settings.auth
        try:
            session = await services.refresh(
                input.refresh_token,
                auth.access_token_minutes,
                auth.refresh_token_days,
                request_id=info.context.request_id,
            )
        except ServiceError as exc:
            return TokenRefreshPayload(errors=errors_of(exc, info, IdentityError))
        return TokenRefreshPayload(
            access_token=session.access_token, refresh_token=session.refresh_token
        )
