from __future__ import annotations

import strawberry

from sportello import api
from sportello_hr import models, services
from sportello_hr.graphql.mutations._training import CourseNameInput, CoursePayload, names_of


@strawberry.input(description="Fields left out stay as they are; a null validity: no expiry.")
class CourseUpdateInput:
    id: strawberry.ID
    name: str | None = None
    validity_months: int | None = strawberry.field(
        default=strawberry.UNSET, description="Applies to records completed from now on."
    )
    names: list[CourseNameInput] | None = None
    active: bool | None = None


@api.mutation("hr.manage", CoursePayload)
async def course_update(info: strawberry.Info, input: CourseUpdateInput) -> models.Course:
    months = None if input.validity_months is strawberry.UNSET else input.validity_months
    return await services.training.update_course(
        info.context.actor,
        api.decode_id(input.id, "Course", "id"),
        name=input.name,
        validity_months=months,
        clear_validity=input.validity_months is None,
        names=names_of(input.names),
        active=input.active,
    )
