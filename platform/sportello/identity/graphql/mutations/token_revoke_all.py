from __future__ import annotations

from typing import Any

import strawberry

from sportello.graphql.ids import decode_id
from sportello.graphql.mutations import mutation
from sportello.identity import services
from sportello.identity.graphql.types import IdentityError
from sportello.identity.permissions import Authenticated


# Written out, not generated from the arguments: the input itself is optional (yourself).
@strawberry.input
class TokenRevokeAllInput:
    reason: str | None = None
    user_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="Another user (needs identity.users.manage); yourself when omitted.",
    )


# Written out: `revoked` is non-null (0 on errors), and payload() gives nullable fields only.
@strawberry.type
class TokenRevokeAllPayload:
    revoked: int = 0
    errors: list[IdentityError] = strawberry.field(default_factory=list)


@mutation(Authenticated, TokenRevokeAllPayload, description="Revoke every token of a user.")
async def token_revoke_all(
    info: strawberry.Info, input: TokenRevokeAllInput | None = None
) -> dict[str, Any]:
    user_id = None
    if input is not None and input.user_id is not None:
        user_id = decode_id(input.user_id, "User", "userId")
    count = await services.revoke_all(info.context.actor, info.context.runtime, user_id)
    return {"revoked": count}
