from __future__ import annotations

import strawberry

from sportello.graphql import typed
from sportello.graphql.errors import errors_of
from sportello.identity import services
from sportello.identity.graphql.mutations.role_create import RolePayload, role_info
from sportello.identity.graphql.types import IdentityError
from sportello.identity.permissions import requires
from sportello.services import ServiceError


@strawberry.input
class RoleUpdateInput:
    name: str
    permissions: list[str] | None = None
    description: str | None = None


@strawberry.type
class RoleUpdateMutation:
    @typed.mutation(
        permission_classes=[requires("identity.roles.manage")],
        description="Change a custom role (built-in and configured roles are read-only).",
    )
    async def role_update(self, info: strawberry.Info, input: RoleUpdateInput) -> RolePayload:
        try:
            role = await services.update_role(
                info.context.actor,
                info.context.runtime,
                input.name,
                input.permissions,
                input.description,
            )
        except ServiceError as exc:
            return RolePayload(errors=errors_of(exc, info, IdentityError))
        return RolePayload(role=role_info(role))
