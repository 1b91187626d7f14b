from __future__ import annotations

import datetime as dt

import strawberry

from sportello.calendars import models, services
from sportello.calendars.graphql.mutations._common import BusinessCalendarPayload
from sportello.graphql.ids import decode_id
from sportello.graphql.mutations import mutation


@strawberry.input
class BusinessCalendarClosedDayAddInput:
    calendar_id: strawberry.ID
    date: dt.date
    name: str = ""
    open: bool = strawberry.field(
        default=False,
        description="True: work this public holiday with the weekday's usual hours.",
    )


@mutation(
    "calendars.manage",
    BusinessCalendarPayload,
    description="Close a calendar on a local date (a town's fair, an office move).",
)
async def business_calendar_closed_day_add(
    info: strawberry.Info, input: BusinessCalendarClosedDayAddInput
) -> models.BusinessCalendar:
    return await services.add_closed_day(
        info.context.actor,
        decode_id(input.calendar_id, "BusinessCalendar", "calendarId"),
        input.date,
        input.name,
        open=input.open,
    )
