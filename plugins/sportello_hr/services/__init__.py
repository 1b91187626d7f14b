"""hr's business rules, one module per aggregate; no GraphQL here."""

from sportello_hr.services import (
    allocations,
    contracts,
    employees,
    events,
    ical,
    leave,
    payroll,
    privacy,
    shifts,
    staff,
    stations,
    swaps,
    workdays,
)
from sportello_hr.services._common import configure, now, own_employee, settings, today

__all__ = [
    "allocations",
    "configure",
    "contracts",
    "employees",
    "events",
    "ical",
    "leave",
    "now",
    "own_employee",
    "payroll",
    "privacy",
    "settings",
    "shifts",
    "staff",
    "stations",
    "swaps",
    "today",
    "workdays",
]
