"""Root queries of training: the courses, and who completed which (expiring soon first)."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterable

import strawberry

from sportello import api
from sportello_hr import models
from sportello_hr.graphql.training import Course, TrainingRecord


@strawberry.type
class TrainingQueries:
    @api.query("hr.directory", description="Training courses, by name.")
    async def courses(self, info: strawberry.Info, include_inactive: bool = False) -> list[Course]:
        qs = models.Course.all()
        if not include_inactive:
            qs = qs.filter(active=True)
        found: list[Course] = await api.load_list(
            qs.order_by("name", "id").limit(500), info, Course
        )
        return found

    @api.connection(
        api.Connection[TrainingRecord],
        "hr.view",
        description=(
            "Training records by expiry date;"
            " `expiringBefore`: only those expiring on or before that day."
        ),
    )
    def training_records(
        self,
        employee_id: strawberry.ID | None = None,
        course_id: strawberry.ID | None = None,
        expiring_before: dt.date | None = None,
        site_id: strawberry.ID | None = None,
    ) -> AsyncIterable[models.TrainingRecord]:
        qs = models.TrainingRecord.all()
        if employee_id is not None:
            qs = qs.filter(employee_id=api.decode_id(employee_id, "Employee", "employeeId"))
        if course_id is not None:
            qs = qs.filter(course_id=api.decode_id(course_id, "Course", "courseId"))
        if expiring_before is not None:
            qs = qs.filter(expires_on__lte=expiring_before)
        if site_id is not None:
            qs = qs.filter(employee__site_id=api.decode_id(site_id, "Site", "siteId"))
        return qs.order_by("expires_on", "id")
