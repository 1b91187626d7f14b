from __future__ import annotations

import strawberry

from sportello.graphql import typed
from sportello.graphql.errors import errors_of
from sportello.graphql.ids import decode_id
from sportello.identity import services
from sportello.identity.graphql.types import IdentityError
from sportello.identity.permissions import Authenticated
from sportello.services import ServiceError


@strawberry.input
class TokenRevokeAllInput:
    reason: str | None = None
    user_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="Another user (needs identity.users.manage); yourself when omitted.",
    )


@strawberry.type
class TokenRevokeAllPayload:
    revoked: int = 0
    errors: list[IdentityError] = strawberry.field(default_factory=list)


@strawberry.type
class TokenRevokeAllMutation:
    @typed.mutation(
        permission_classes=[Authenticated], description="Revoke every token of a user."
    )
    async def token_revoke_all(
        self, info: strawberry.Info, input: TokenRevokeAllInput | None = None
    ) -> TokenRevokeAllPayload:
        actor = info.context.actor
        try:
            user_id = None
            if input is not None and input.user_id is not None:
                user_id = decode_id(input.user_id, "User", "userId")
            count = await services.revoke_all(actor, info.context.runtime, user_id)
        except ServiceError as exc:
            return TokenRevokeAllPayload(errors=errors_of(exc, info, IdentityError))
        return TokenRevokeAllPayload(revoked=count)
