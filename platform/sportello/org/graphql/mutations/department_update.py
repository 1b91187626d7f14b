from __future__ import annotations

from typing import Any

import strawberry

from sportello.graphql.ids import decode_id, decode_optional
from sportello.graphql.mutations import mutation, payload
from sportello.org import models, services
from sportello.org.graphql.types import Department, DepartmentKind, OrgError


@strawberry.input(
    description=(
        "Fields left out stay as they are; `siteId`, `parentId`, `code` and `managerId` given as"
        " null clear the value (null site: organisation-wide; null parent: a top unit)."
        " `active: false` archives the unit."
    )
)
class DepartmentUpdateInput:
    id: strawberry.ID
    name: str | None = None
    kind: DepartmentKind | None = None
    code: str | None = strawberry.UNSET
    site_id: strawberry.ID | None = strawberry.UNSET
    parent_id: strawberry.ID | None = strawberry.UNSET
    manager_id: strawberry.ID | None = strawberry.UNSET
    active: bool | None = None


DepartmentUpdatePayload = payload(Department, errors=OrgError, name="DepartmentUpdatePayload")


def _given(value: Any, type_name: str, field: str) -> Any:
    if value is strawberry.UNSET:
        return services.KEEP
    return decode_optional(value, type_name, field)


@mutation("org.manage", DepartmentUpdatePayload)
async def department_update(
    info: strawberry.Info, input: DepartmentUpdateInput
) -> models.Department:
    """Rename, move, re-staff or archive a department or team."""
    return await services.update_department(
        info.context.actor,
        decode_id(input.id, "Department", "id"),
        name=input.name,
        kind=input.kind.value if input.kind is not None else None,
        code=services.KEEP if input.code is strawberry.UNSET else input.code,
        site_id=_given(input.site_id, "Site", "siteId"),
        parent_id=_given(input.parent_id, "Department", "parentId"),
        manager_id=_given(input.manager_id, "User", "managerId"),
        active=input.active,
    )
