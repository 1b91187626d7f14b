from __future__ import annotations

from typing import Any

import strawberry

from sportello.graphql.errors import errors_of
from sportello.graphql.mutations import mutation, payload
from sportello.identity import services
from sportello.identity.auth import actor_for
from sportello.identity.graphql.types import IdentityError, Me, me_of
from sportello.identity.permissions import Public
from sportello.services import ServiceError

TokenCreatePayload = payload(
    errors=IdentityError,
    name="TokenCreatePayload",
    access_token=str,
    refresh_token=str,
    me=Me,
    retry_after=int,
    descriptions={"retry_after": "Seconds to wait when the code is THROTTLED."},
)


@mutation(Public, TokenCreatePayload, description="Log in with email and password.")
async def token_create(info: strawberry.Info, email: str, password: str) -> dict[str, Any]:
    runtime = info.context.runtime
    auth = runtime.settings.auth
    try:
        session = await services.login(
            email,
            password,
            auth.access_token_minutes,
            auth.refresh_token_days,
            ip=info.context.extra.get("ip", "unknown"),
            auth=auth,
            request_id=info.context.request_id,
        )
    except ServiceError as exc:
        runtime.metrics.logins.labels(exc.code.lower()).inc()
        if exc.code != "THROTTLED":
            raise  # mutation() turns it into `errors`
        # Caught here, not by mutation(): THROTTLED also answers `retryAfter` beside `errors`.
        wait = exc.problems[0].params.get("retry_after")
        return {"errors": errors_of(exc, info, IdentityError), "retry_after": wait}
    runtime.metrics.logins.labels("success").inc()
    actor = actor_for(runtime, session.user)
    return {
        "access_token": session.access_token,
        "refresh_token": session.refresh_token,
        "me": me_of(actor),
    }
