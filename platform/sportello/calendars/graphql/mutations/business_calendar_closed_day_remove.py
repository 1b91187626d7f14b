from __future__ import annotations

import datetime as dt

import strawberry

from sportello.calendars import models, services
from sportello.calendars.graphql.mutations._common import BusinessCalendarPayload
from sportello.graphql.ids import decode_id
from sportello.graphql.mutations import mutation


@strawberry.input
class BusinessCalendarClosedDayRemoveInput:
    calendar_id: strawberry.ID
    date: dt.date


@mutation(
    "calendars.manage", BusinessCalendarPayload, description="Remove a closed day of a calendar."
)
async def business_calendar_closed_day_remove(
    info: strawberry.Info, input: BusinessCalendarClosedDayRemoveInput
) -> models.BusinessCalendar:
    return await services.remove_closed_day(
        info.context.actor,
        decode_id(input.calendar_id, "BusinessCalendar", "calendarId"),
        input.date,
    )
