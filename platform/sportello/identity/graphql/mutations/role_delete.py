from __future__ import annotations

import strawberry

from sportello.graphql import typed
from sportello.graphql.errors import errors_of
from sportello.identity import services
from sportello.identity.graphql.types import IdentityError
from sportello.identity.permissions import requires
from sportello.services import ServiceError


@strawberry.input
class RoleDeleteInput:
    name: str


@strawberry.type
class RoleDeletePayload:
    deleted: bool = False
    errors: list[IdentityError] = strawberry.field(default_factory=list)


@strawberry.type
class RoleDeleteMutation:
    @typed.mutation(permission_classes=[requires("identity.roles.manage")])
    async def role_delete(self, info: strawberry.Info, input: RoleDeleteInput) -> RoleDeletePayload:
        try:
            await services.delete_role(info.context.actor, info.context.runtime, input.name)
        except ServiceError as exc:
            return RoleDeletePayload(errors=errors_of(exc, info, IdentityError))
        return RoleDeletePayload(deleted=True)
