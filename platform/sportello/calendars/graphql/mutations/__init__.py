from sportello.calendars.graphql.mutations.business_calendar_closed_day_add import (
    business_calendar_closed_day_add,
)
from sportello.calendars.graphql.mutations.business_calendar_closed_day_remove import (
    business_calendar_closed_day_remove,
)
from sportello.calendars.graphql.mutations.business_calendar_create import (
    business_calendar_create,
)
from sportello.calendars.graphql.mutations.business_calendar_delete import (
    business_calendar_delete,
)
from sportello.calendars.graphql.mutations.business_calendar_update import (
    business_calendar_update,
)

ALL = [
    business_calendar_create,
    business_calendar_update,
    business_calendar_delete,
    business_calendar_closed_day_add,
    business_calendar_closed_day_remove,
]

__all__ = [
    "ALL",
    "business_calendar_closed_day_add",
    "business_calendar_closed_day_remove",
    "business_calendar_create",
    "business_calendar_delete",
    "business_calendar_update",
]
