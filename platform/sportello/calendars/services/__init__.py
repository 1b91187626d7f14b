"""The calendar services, one module per job; every public name is re-exported here."""

from sportello.calendars.services.calendars import (
    create_calendar,
    delete_calendar,
    editable,
    update_calendar,
)
from sportello.calendars.services.closed_days import add_closed_day, remove_closed_day
from sportello.calendars.services.resolution import (
    Key,
    business_time,
    business_times,
    calendar_business_times,
    calendar_times,
    clear_cache,
)

__all__ = [
    "Key",
    "add_closed_day",
    "business_time",
    "business_times",
    "calendar_business_times",
    "calendar_times",
    "clear_cache",
    "create_calendar",
    "delete_calendar",
    "editable",
    "remove_closed_day",
    "update_calendar",
]
