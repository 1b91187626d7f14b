from __future__ import annotations

from typing import Any

import strawberry

from sportello.graphql.mutations import mutation, payload
from sportello.identity import services
from sportello.identity.graphql.types import IdentityError
from sportello.identity.permissions import Public

TokenRefreshPayload = payload(
    errors=IdentityError, name="TokenRefreshPayload", access_token=str, refresh_token=str
)


@mutation(Public, TokenRefreshPayload, description="Trade a refresh token for new tokens.")
async def token_refresh(info: strawberry.Info, refresh_token: str) -> dict[str, Any]:
    auth = info.context.runtime.settings.auth
    session = await services.refresh(
        refresh_token,
        auth.access_token_minutes,
        auth.refresh_token_days,
        request_id=info.context.request_id,
    )
    return {"access_token": session.access_token, "refresh_token": session.refresh_token}
