from __future__ import annotations

import strawberry

from sportello.calendars import models, services
from sportello.calendars.graphql.mutations._common import BusinessCalendarPayload
from sportello.graphql.ids import decode_id
from sportello.graphql.mutations import mutation


@strawberry.input
class BusinessCalendarDeleteInput:
    id: strawberry.ID


@mutation(
    "calendars.manage",
    BusinessCalendarPayload,
    description=(
        "Delete a business calendar: the next one in the resolution order applies (the"
        " department's, the site's, the organisation's default, else every minute counts)."
        " The payload keeps the calendar's id and name; its hours and closed days are gone."
    ),
)
async def business_calendar_delete(
    info: strawberry.Info, input: BusinessCalendarDeleteInput
) -> models.BusinessCalendar:
    return await services.delete_calendar(
        info.context.actor, decode_id(input.id, "BusinessCalendar", "id")
    )
