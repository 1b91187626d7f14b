from __future__ import annotations

import strawberry

from sportello.calendars.graphql.types import BusinessCalendar, BusinessCalendarError, Weekday
from sportello.graphql.mutations import payload

#: What every calendar mutation answers: the calendar, or ``errors``.
BusinessCalendarPayload = payload(BusinessCalendar, errors=BusinessCalendarError)


@strawberry.input(description="An open interval of a weekday in local wall time.")
class WorkingHoursInput:
    weekday: Weekday
    start: str = strawberry.field(description="HH:MM, e.g. 08:30.")
    end: str = strawberry.field(description="HH:MM, after start; 24:00 is the end of the day.")


def hours_of(items: list[WorkingHoursInput] | None) -> list[dict[str, object]] | None:
    if items is None:
        return None
    return [{"weekday": h.weekday.value, "start": h.start, "end": h.end} for h in items]
