from __future__ import annotations

from typing import Any

import strawberry

from sportello.graphql.ids import decode_id, encode_id
from sportello.graphql.mutations import mutation
from sportello.org import services
from sportello.org.graphql.types import OrgError


# Written out: the deleted unit's ID instead of the unit.
@strawberry.type
class DepartmentDeletePayload:
    deleted_id: strawberry.ID | None = None
    errors: list[OrgError] = strawberry.field(default_factory=list)


@mutation("org.manage", DepartmentDeletePayload)
async def department_delete(info: strawberry.Info, id: strawberry.ID) -> dict[str, Any]:
    """Delete a unit with no units under it and no members (archive it otherwise:
    `departmentUpdate(input: {id, active: false})`)."""
    deleted = await services.delete_department(
        info.context.actor, decode_id(id, "Department", "id")
    )
    return {"deleted_id": strawberry.ID(encode_id("Department", deleted))}
