from __future__ import annotations

import strawberry

from sportello.graphql.ids import decode_id
from sportello.graphql.mutations import mutation
from sportello.org import models, services
from sportello.org.graphql.mutations.department_member_add import DepartmentMemberPayload


@mutation("org.manage", DepartmentMemberPayload)
async def department_member_remove(
    info: strawberry.Info, department_id: strawberry.ID, user_id: strawberry.ID
) -> models.Department:
    """Take a user out of a unit."""
    return await services.remove_member(
        info.context.actor,
        decode_id(department_id, "Department", "departmentId"),
        decode_id(user_id, "User", "userId"),
    )
