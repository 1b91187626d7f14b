from __future__ import annotations

import strawberry

from sportello.graphql import typed
from sportello.graphql.errors import errors_of
from sportello.identity import services
from sportello.identity.auth import actor_for
from sportello.identity.graphql.types import IdentityError, Me, me_of
from sportello.identity.permissions import Public
from sportello.services import ServiceError


@strawberry.input
class TokenCreateInput:
    email: str
    password: str


@strawberry.type
class TokenCreatePayload:
    access_token: str | None = None
    refresh_token: str | None = None
    me: Me | None = None
    retry_after: int | None = strawberry.field(
        default=None, description="Seconds to wait when the code is THROTTLED."
    )
    errors: list[IdentityError] = strawberry.field(default_factory=list)


@strawberry.type
class TokenCreateMutation:
    @typed.mutation(permission_classes=[Public], description="Log in with email and password.")
    async def token_create(
        self, info: strawberry.Info, input: TokenCreateInput
    ) -> TokenCreatePayload:
        auth = info.context.runtime.settings.auth
        try:
            session = await services.login(
                input.email,
                input.password,
                auth.access_token_minutes,
                auth.refresh_token_days,
                ip=info.context.extra.get("ip", "unknown"),
                auth=auth,
                request_id=info.context.request_id,
            )
        except ServiceError as exc:
            wait = exc.problems[0].params.get("retry_after") if exc.code == "THROTTLED" else None
            return TokenCreatePayload(errors=errors_of(exc, info, IdentityError), retry_after=wait)
        actor = actor_for(info.context.runtime, session.user)
        return TokenCreatePayload(
            access_token=session.access_token, refresh_token=session.refresh_token, me=me_of(actor)
        )
