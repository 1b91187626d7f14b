"""Service accounts and their API tokens: long-lived, scoped credentials for machines, with
rules (scopes, no password) that people's accounts and sessions do not have."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from sportello.identity import tokens
from sportello.identity.audit import record
from sportello.identity.models import Token, User
from sportello.identity.services.grants import _check_permissions, check_grant, may_manage
from sportello.identity.services.users import create_user
from sportello.services import Actor, ServiceError, atomic

if TYPE_CHECKING:
    from sportello.runtime import Runtime


async def create_service_account(
    actor: Actor,
    runtime: Runtime,
    name: str,
    roles: list[str],
    site_ids: list[int] | None = None,
    all_sites: bool = False,
) -> User:
    check_grant(actor, runtime, roles, site_ids, all_sites)
    slug = re.sub(r"[^a-z0-9]+", "-", name.strip().lower()).strip("-") or "service"
    return await create_user(
        actor,
        f"{slug}@service.invalid",
        None,
        roles=roles,
        display_name=name.strip() or slug,
        site_ids=site_ids,
        all_sites=all_sites,
        is_service=True,
        operation="serviceAccountCreate",
    )


async def create_api_token(
    actor: Actor,
    runtime: Runtime,
    user_id: int,
    name: str,
    scopes: list[str],
    days: int | None = None,
) -> tuple[str, Token]:
    """A scoped, long-lived token for a service account; the raw value is shown only once."""
    _check_permissions(actor, runtime, scopes)
    async with atomic():
        user = await User.get_or_none(id=user_id)
        if user is None or not may_manage(actor, runtime, user):
            raise ServiceError("NOT_FOUND", "identity.not_found", "serviceAccountId")
        if not user.is_service:
            raise ServiceError("INVALID", "identity.not_service", "serviceAccountId")
        life = dt.timedelta(days=days) if days else None
        raw, token = await tokens.issue(user, "api", life, name=name, scopes=sorted(set(scopes)))
        await record(
            actor,
            "apiTokenCreate",
            token,
            object_type="ApiToken",
            after={"name": name, "scopes": token.scopes},
        )
    return raw, token


async def revoke_api_token(actor: Actor, runtime: Runtime, token_id: int) -> Token:
    async with atomic():
        token = await Token.filter(id=token_id, kind="api").select_related("user").first()
        if token is None or not may_manage(actor, runtime, token.user):
            raise ServiceError("NOT_FOUND", "identity.not_found", "id")
        if token.revoked_at is None:
            token.revoked_at = tokens.now()
            await token.save(update_fields=["revoked_at"])
        await record(
            actor, "apiTokenRevoke", token, object_type="ApiToken", after={"revoked": True}
        )
    tokens.forget()
    return token
