from __future__ import annotations

import strawberry

from sportello.graphql.ids import decode_id
from sportello.graphql.mutations import mutation, payload
from sportello.identity import services
from sportello.identity.graphql.types import ApiToken, IdentityError, api_token_of

ApiTokenRevokePayload = payload(ApiToken, errors=IdentityError, name="ApiTokenRevokePayload")


@mutation("identity.users.manage", ApiTokenRevokePayload)
async def api_token_revoke(info: strawberry.Info, id: strawberry.ID) -> ApiToken:
    token = await services.revoke_api_token(
        info.context.actor, info.context.runtime, decode_id(id, "ApiToken", "id")
    )
    return api_token_of(token)
