from __future__ import annotations

import strawberry

from sportello.graphql.mutations import mutation
from sportello.identity import services
from sportello.identity.graphql.mutations.role_create import RolePayload, role_info
from sportello.identity.graphql.types import RoleInfo


@mutation(
    "identity.roles.manage",
    RolePayload,
    description="Change a custom role (built-in and configured roles are read-only).",
)
async def role_update(
    info: strawberry.Info,
    name: str,
    permissions: list[str] | None = None,
    description: str | None = None,
) -> RoleInfo:
    role = await services.update_role(
        info.context.actor, info.context.runtime, name, permissions, description
    )
    return role_info(role)
