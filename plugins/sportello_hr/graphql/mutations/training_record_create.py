from __future__ import annotations

import datetime as dt

import strawberry

from sportello import api
from sportello_hr import models, services
from sportello_hr.graphql.mutations._training import TrainingRecordPayload


@api.mutation(
    "hr.manage",
    TrainingRecordPayload,
    description=(
        "An employee completed a course; it expires after the course's validity unless"
        " `expiresOn` says otherwise. A reminder goes out 30 days before."
    ),
)
async def training_record_create(
    info: strawberry.Info,
    employee_id: strawberry.ID,
    course_id: strawberry.ID,
    completed_on: dt.date,
    expires_on: dt.date | None = None,
    certificate_ref: str = "",
) -> models.TrainingRecord:
    return await services.training.record(
        info.context.actor,
        api.decode_id(employee_id, "Employee", "employeeId"),
        api.decode_id(course_id, "Course", "courseId"),
        completed_on,
        expires_on=expires_on,
        certificate_ref=certificate_ref,
    )
