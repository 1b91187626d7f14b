from __future__ import annotations

import strawberry

from sportello.graphql.mutations import mutation, payload
from sportello.identity import services
from sportello.identity.graphql.types import IdentityError, RoleInfo
from sportello.identity.models import Role

RolePayload = payload(errors=IdentityError, name="RolePayload", role=RoleInfo)


def role_info(role: Role) -> RoleInfo:
    return RoleInfo(
        name=role.name,
        permissions=list(role.permissions),
        description=role.description,
        editable=True,
    )


@mutation(
    "identity.roles.manage",
    RolePayload,
    description="Define a custom role from permissions you hold.",
)
async def role_create(
    info: strawberry.Info, name: str, permissions: list[str], description: str = ""
) -> RoleInfo:
    role = await services.create_role(
        info.context.actor, info.context.runtime, name, permissions, description
    )
    return role_info(role)
