from __future__ import annotations

import strawberry

from sportello.graphql.ids import decode_id
from sportello.graphql.mutations import mutation, payload
from sportello.org import models, services
from sportello.org.graphql.types import Department, OrgError

DepartmentMemberPayload = payload(Department, errors=OrgError, name="DepartmentMemberPayload")


@mutation("org.manage", DepartmentMemberPayload)
async def department_member_add(
    info: strawberry.Info, department_id: strawberry.ID, user_id: strawberry.ID
) -> models.Department:
    """Add a user to a unit: an active user who works at the unit's site."""
    return await services.add_member(
        info.context.actor,
        decode_id(department_id, "Department", "departmentId"),
        decode_id(user_id, "User", "userId"),
    )
