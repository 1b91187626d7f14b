"""From a request's Authorization header to an Actor."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sportello.identity import tokens
from sportello.identity.models import User
from sportello.identity.roles import refresh_custom_roles
from sportello.services import ANONYMOUS, Actor

if TYPE_CHECKING:
    from sportello.runtime import Runtime


def actor_for(
    runtime: Runtime,
    user: User | tokens.Bearer,
    *,
    scopes: list[str] | None = None,
    **extra: Any,
) -> Actor:
    permissions = runtime.permissions_for_roles(user.roles)
    if scopes is not None:  # an API token: never more than its scopes, even when empty
        permissions = permissions & frozenset(scopes)
    return Actor(
        user_id=user.id,
        party_id=user.party_id,
        email=user.email,
        roles=frozenset(user.roles),
        permissions=permissions,
        site_ids=None if user.all_sites or user.is_superuser else frozenset(user.site_ids),
        is_superuser=user.is_superuser and scopes is None,
        kind="service" if user.is_service else "user",
        **extra,
    )


def bearer(header: str | None) -> str | None:
    if not header:
        return None
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


async def authenticate(
    runtime: Runtime,
    raw: str | None,
    *,
    request_id: str | None = None,
    client_request_id: str | None = None,
    language: str = "en",
) -> Actor:
    if not raw:
        return Actor(request_id=request_id, client_request_id=client_request_id, language=language)
    bearer = await tokens.find_bearer(
        raw, ("access", "api"), cache_seconds=runtime.settings.auth.token_cache_seconds
    )
    if bearer is None:
        return ANONYMOUS.__class__(
            request_id=request_id, client_request_id=client_request_id, language=language
        )

    await refresh_custom_roles(runtime)
    scopes = bearer.scopes if bearer.kind == "api" else None
    return actor_for(
        runtime,
        bearer,
        scopes=scopes,
        request_id=request_id,
        client_request_id=client_request_id,
        language=language,
    )
