from __future__ import annotations

import strawberry

from sportello import api
from sportello_hr import models, services
from sportello_hr.graphql.mutations._training import CourseNameInput, CoursePayload, names_of


@api.mutation(
    "hr.manage",
    CoursePayload,
    description="A training course (fire safety, GDPR, first aid) and its validity in months.",
)
async def course_create(
    info: strawberry.Info,
    code: str,
    name: str,
    validity_months: int | None = None,
    names: list[CourseNameInput] | None = None,
) -> models.Course:
    return await services.training.create_course(
        info.context.actor, code, name, validity_months, names_of(names)
    )
