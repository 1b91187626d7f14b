from __future__ import annotations

import strawberry

from sportello.calendars import models, services
from sportello.calendars.graphql.mutations._common import (
    BusinessCalendarPayload,
    WorkingHoursInput,
    hours_of,
)
from sportello.graphql.ids import decode_optional
from sportello.graphql.mutations import mutation


@strawberry.input
class BusinessCalendarCreateInput:
    name: str
    site_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="The site; none: the organisation's default (callers of every site only).",
    )
    department_id: strawberry.ID | None = strawberry.field(
        default=None,
        description=(
            "A department (or team) working other hours than its site: the calendar applies to"
            " its work at the site (or, without a site, wherever it works)."
        ),
    )
    hours: list[WorkingHoursInput] = strawberry.field(
        description="The working week; several intervals on a weekday make breaks."
    )
    timezone: str | None = strawberry.field(
        default=None, description="An IANA zone; none: the zone of the site it is used at."
    )
    country: str | None = strawberry.field(
        default=None, description="ISO 3166-1 alpha-2 code whose public holidays close it."
    )
    subdivision: str | None = strawberry.field(
        default=None,
        description="A subdivision of the country as code or name (Italy: RM or Roma).",
    )


@mutation(
    "calendars.manage",
    BusinessCalendarPayload,
    description=(
        "Create the business calendar of a site, of a department, or the organisation's default."
    ),
)
async def business_calendar_create(
    info: strawberry.Info, input: BusinessCalendarCreateInput
) -> models.BusinessCalendar:
    return await services.create_calendar(
        info.context.actor,
        input.name,
        hours_of(input.hours) or [],
        site_id=decode_optional(input.site_id, "Site", "siteId"),
        department_id=decode_optional(input.department_id, "Department", "departmentId"),
        timezone=input.timezone,
        country=input.country,
        subdivision=input.subdivision,
    )
