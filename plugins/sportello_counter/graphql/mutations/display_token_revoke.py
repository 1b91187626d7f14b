from __future__ import annotations

import strawberry

from sportello import api
from sportello_counter import models, services
from sportello_counter.graphql.mutations._common import DisplayTokenPayload


@api.mutation(
    "counter.manage",
    DisplayTokenPayload,
    description="Revoke a hall display token: displays using it get 'revoked' and stop.",
)
async def display_token_revoke(info: strawberry.Info, id: strawberry.ID) -> models.DisplayToken:
    token_id = api.decode_id(id, "DisplayToken", "id")
    return await services.revoke_display_token(info.context.actor, token_id)
