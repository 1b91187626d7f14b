"""Root queries of the roster: stations, templates, the week's roster, who is on duty now,
swaps, skills, and the roster as iCalendar."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterable

import strawberry

from sportello import api
from sportello_hr import models, services
from sportello_hr.graphql.roster import EmployeeSkill, Shift, ShiftSwap, ShiftTemplate, Station
from sportello_hr.graphql.types import LeaveStatus

DIRECTORY = "hr.directory"
#: A roster query covers at most this many days.
MAX_DAYS = 31


async def _window(site_id: int, start: dt.date, days: int) -> tuple[dt.datetime, dt.datetime]:
    tz = await services.shifts.site_zone(site_id)
    first = dt.datetime.combine(start, dt.time(), tz)
    last = dt.datetime.combine(start + dt.timedelta(days=days), dt.time(), tz)
    return first.astimezone(dt.UTC), last.astimezone(dt.UTC)


def _days(days: int) -> int:
    if not 1 <= days <= MAX_DAYS:
        raise api.ServiceError("OUT_OF_RANGE", "hr.invalid_days", "days")
    return days


@strawberry.type
class RosterQueries:
    @api.query(DIRECTORY, description="A site's stations (front desks, counters, floors).")
    async def stations(self, info: strawberry.Info, site_id: strawberry.ID) -> list[Station]:
        qs = api.for_site(models.Station.filter(active=True), site_id)
        found: list[Station] = await api.load_list(qs, info, Station)
        return found

    @api.query(DIRECTORY, description="A site's shift templates, earliest first.")
    async def shift_templates(
        self, info: strawberry.Info, site_id: strawberry.ID
    ) -> list[ShiftTemplate]:
        qs = api.for_site(models.ShiftTemplate.all(), site_id)
        found: list[ShiftTemplate] = await api.load_list(qs, info, ShiftTemplate)
        return found

    @api.query(
        DIRECTORY,
        description=(
            "A site's roster: the shifts starting in `days` local days from `start` (default"
            " 7: a week), by start."
        ),
    )
    async def roster(
        self,
        info: strawberry.Info,
        site_id: strawberry.ID,
        start: dt.date,
        days: int = 7,
        employee_id: strawberry.ID | None = None,
    ) -> list[Shift]:
        site = api.decode_id(site_id, "Site", "siteId")
        first, last = await _window(site, start, _days(days))
        qs = models.Shift.filter(site_id=site, start__gte=first, start__lt=last)
        if employee_id is not None:
            qs = qs.filter(employee_id=api.decode_id(employee_id, "Employee", "employeeId"))
        found: list[Shift] = await api.load_list(
            qs.order_by("start", "id").limit(2000), info, Shift
        )
        return found

    @api.query(DIRECTORY, description="Who is on duty at a site now, by station.")
    async def on_duty_now(self, info: strawberry.Info, site_id: strawberry.ID) -> list[Shift]:
        site = api.decode_id(site_id, "Site", "siteId")
        qs = services.shifts.on_duty(site).order_by("station_id", "start", "id")
        found: list[Shift] = await api.load_list(qs.limit(500), info, Shift)
        return found

    @api.connection(api.Connection[ShiftSwap], DIRECTORY, description="Shift swap requests.")
    def shift_swaps(
        self, site_id: strawberry.ID | None = None, status: LeaveStatus | None = None
    ) -> AsyncIterable[models.ShiftSwap]:
        qs = models.ShiftSwap.all()
        if status is not None:
            qs = qs.filter(status=status.value)
        return api.for_site(qs, site_id).order_by("-created_at", "-id")

    @api.query("hr.view", description="An employee's skills and trainings.")
    async def employee_skills(
        self, info: strawberry.Info, employee_id: strawberry.ID
    ) -> list[EmployeeSkill]:
        employee = api.decode_id(employee_id, "Employee", "employeeId")
        qs = models.EmployeeSkill.filter(employee_id=employee).order_by("code")
        found: list[EmployeeSkill] = await api.load_list(qs, info, EmployeeSkill)
        return found

    @api.query(
        "hr.leave",
        description=(
            "Shifts as an iCalendar (RFC 5545) document: the caller's own (default), or an"
            " employee's (hr.view), from `start` for `days` days (at most 31)."
        ),
    )
    async def roster_ics(
        self,
        info: strawberry.Info,
        start: dt.date,
        days: int = 7,
        employee_id: strawberry.ID | None = None,
    ) -> str:
        actor = info.context.actor
        if employee_id is None:
            employee = await services.leave.own_request(actor)
        else:
            target = api.decode_id(employee_id, "Employee", "employeeId")
            own = await services.own_employee(actor)
            if not actor.has("hr.view") and (own is None or own.id != target):
                raise api.ServiceError("FORBIDDEN", "hr.own_shifts_only", "employeeId")
            employee = await services.employees.visible(actor, target)
        first, last = await _window(employee.site_id, start, _days(days))
        shifts = await models.Shift.filter(
            employee_id=employee.id, start__gte=first, start__lt=last
        ).order_by("start", "id")
        return await services.ical.roster_ics(list(shifts), "Roster")

    @api.query(
        "hr.manage",
        description=(
            "The month's attendance and leave for the payroll provider, as CSV: per employee"
            " the shifts and hours on the roster, and approved leave days by type."
        ),
    )
    async def payroll_csv(
        self, info: strawberry.Info, year: int, month: int, site_id: strawberry.ID | None = None
    ) -> str:
        return await services.payroll.export(
            info.context.actor,
            year,
            month,
            api.decode_optional(site_id, "Site", "siteId"),
        )
