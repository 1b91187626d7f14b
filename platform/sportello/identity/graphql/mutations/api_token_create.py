from __future__ import annotations

from typing import Any

import strawberry

from sportello.graphql.ids import decode_id
from sportello.graphql.mutations import mutation, payload
from sportello.identity import services
from sportello.identity.graphql.types import ApiToken, IdentityError, api_token_of

ApiTokenCreatePayload = payload(
    ApiToken,
    errors=IdentityError,
    name="ApiTokenCreatePayload",
    secret=str,
    descriptions={"secret": "The bearer token: shown now and never again."},
)


@mutation(
    "identity.users.manage",
    ApiTokenCreatePayload,
    description="A scoped token for a service account (scopes are permissions).",
)
async def api_token_create(
    info: strawberry.Info,
    service_account_id: strawberry.ID,
    name: str,
    scopes: list[str],
    expires_in_days: int | None = None,
) -> dict[str, Any]:
    raw, token = await services.create_api_token(
        info.context.actor,
        info.context.runtime,
        decode_id(service_account_id, "User", "serviceAccountId"),
        name,
        scopes,
        expires_in_days,
    )
    return {"api_token": api_token_of(token), "secret": raw}
