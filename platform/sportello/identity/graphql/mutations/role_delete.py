from __future__ import annotations

from typing import Any

import strawberry

from sportello.graphql.mutations import mutation
from sportello.identity import services
from sportello.identity.graphql.types import IdentityError


# Written out: `deleted` is non-null (false on errors), and payload() gives nullable fields only.
@strawberry.type
class RoleDeletePayload:
    deleted: bool = False
    errors: list[IdentityError] = strawberry.field(default_factory=list)


@mutation("identity.roles.manage", RoleDeletePayload)
async def role_delete(info: strawberry.Info, name: str) -> dict[str, Any]:
    await services.delete_role(info.context.actor, info.context.runtime, name)
    return {"deleted": True}
