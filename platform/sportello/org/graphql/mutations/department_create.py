from __future__ import annotations

import strawberry

from sportello.graphql.ids import decode_optional
from sportello.graphql.mutations import mutation, payload
from sportello.org import models, services
from sportello.org.graphql.types import Department, DepartmentKind, OrgError


@strawberry.input
class DepartmentCreateInput:
    name: str
    site_id: strawberry.ID | None = strawberry.field(
        default=None, description="The site it works at (null: the whole organisation)."
    )
    parent_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="The unit it belongs to: of the same site, or organisation-wide.",
    )
    kind: DepartmentKind = DepartmentKind.DEPARTMENT
    code: str | None = strawberry.field(
        default=None, description="A short code, unique among the units under one parent."
    )
    manager_id: strawberry.ID | None = strawberry.field(
        default=None, description="The user who leads it (an active user of its site)."
    )


DepartmentCreatePayload = payload(Department, errors=OrgError, name="DepartmentCreatePayload")


@mutation("org.manage", DepartmentCreatePayload)
async def department_create(
    info: strawberry.Info, input: DepartmentCreateInput
) -> models.Department:
    """Create a department or team."""
    return await services.create_department(
        info.context.actor,
        input.name,
        site_id=decode_optional(input.site_id, "Site", "siteId"),
        parent_id=decode_optional(input.parent_id, "Department", "parentId"),
        kind=input.kind.value,
        code=input.code,
        manager_id=decode_optional(input.manager_id, "User", "managerId"),
    )
