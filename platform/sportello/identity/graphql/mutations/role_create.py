from __future__ import annotations

import strawberry

from sportello.graphql import typed
from sportello.graphql.errors import errors_of
from sportello.identity import services
from sportello.identity.graphql.types import IdentityError, RoleInfo
from sportello.identity.models import Role
from sportello.identity.permissions import requires
from sportello.services import ServiceError


@strawberry.input
class RoleCreateInput:
    name: str
    permissions: list[str]
    description: str = ""


@strawberry.type
class RolePayload:
    role: RoleInfo | None = None
    errors: list[IdentityError] = strawberry.field(default_factory=list)


def role_info(role: Role) -> RoleInfo:
    return RoleInfo(
        name=role.name,
        permissions=list(role.permissions),
        description=role.description,
        editable=True,
    )


@strawberry.type
class RoleCreateMutation:
    @typed.mutation(
        permission_classes=[requires("identity.roles.manage")],
        description="Define a custom role from permissions you hold.",
    )
    async def role_create(self, info: strawberry.Info, input: RoleCreateInput) -> RolePayload:
        try:
            role = await services.create_role(
                info.context.actor,
                info.context.runtime,
                input.name,
                input.permissions,
                input.description,
            )
        except ServiceError as exc:
            return RolePayload(errors=errors_of(exc, info, IdentityError))
        return RolePayload(role=role_info(role))
