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
    # The bearer stays the same object while its token is cached: its actor is built once,
    # and again whenever its roles grant something else (a custom role edited meanwhile).
    permissions = runtime.permissions_for_roles(bearer.roles)
    cached = _ACTORS.get(id(bearer))
    if cached is None or cached[0] is not bearer or cached[1] != permissions:
        if len(_ACTORS) >= _ACTORS_MAX:
            _ACTORS.clear()
        cached = _ACTORS[id(bearer)] = (
            bearer,
            permissions,
            actor_for(runtime, bearer, scopes=scopes),
        )
    return cached[2].on_request(request_id, client_request_id, language)


#: id(bearer) -> (bearer, its roles' permissions then, its actor without request fields)
_ACTORS: dict[int, tuple[tokens.Bearer, frozenset[str], Actor]] = {}
_ACTORS_MAX = 10_000
