from __future__ import annotations

import strawberry

from sportello.calendars import models, services
from sportello.calendars.graphql.mutations._common import (
    BusinessCalendarPayload,
    WorkingHoursInput,
    hours_of,
)
from sportello.graphql.ids import decode_id
from sportello.graphql.mutations import mutation


@strawberry.input(
    description=(
        'Fields left out (or null) stay as they are; "" clears timezone, country or'
        " subdivision; hours replace the whole week."
    )
)
class BusinessCalendarUpdateInput:
    id: strawberry.ID
    name: str | None = None
    hours: list[WorkingHoursInput] | None = None
    timezone: str | None = None
    country: str | None = None
    subdivision: str | None = None


@mutation("calendars.manage", BusinessCalendarPayload, description="Change a business calendar.")
async def business_calendar_update(
    info: strawberry.Info, input: BusinessCalendarUpdateInput
) -> models.BusinessCalendar:
    return await services.update_calendar(
        info.context.actor,
        decode_id(input.id, "BusinessCalendar", "id"),
        name=input.name,
        hours=hours_of(input.hours),
        timezone=input.timezone,
        country=input.country,
        subdivision=input.subdivision,
    )
