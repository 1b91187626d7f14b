"""hr's root queries: thin, the services and the core's loading do the work."""

from __future__ import annotations

from collections.abc import AsyncIterable

import strawberry
from tortoise.expressions import Q
from tortoise.queryset import QuerySet

from sportello import api
from sportello_hr import models, services
from sportello_hr.graphql.types import (
    Accrual,
    Contract,
    DirectoryEntry,
    Employee,
    LeaveBalance,
    LeaveRequest,
    LeaveStatus,
    LeaveType,
)

VIEW, DIRECTORY, LEAVE = "hr.view", "hr.directory", "hr.leave"


def _employees(
    qs: QuerySet[models.Employee] | None,
    site_id: strawberry.ID | None,
    department_id: strawberry.ID | None,
    search: str | None,
    include_former: bool,
) -> AsyncIterable[models.Employee]:
    query = models.Employee.all() if qs is None else qs
    if department_id is not None:
        query = query.filter(
            department_id=api.decode_id(department_id, "Department", "departmentId")
        )
    if search:
        query = query.filter(party__display_name__icontains=search.strip())
    if not include_former:
        query = query.filter(Q(end_date=None) | Q(end_date__gte=services.today()))
    if site_id is not None:
        site = api.decode_id(site_id, "Site", "siteId")
        query = query.filter(work_sites__site_id=site)
    return query.order_by("party__display_name", "id")


@strawberry.type
class HrQueries:
    @api.connection(api.Connection[Employee], VIEW, description="Employees (HR's view).")
    def employees(
        self,
        department_id: strawberry.ID | None = None,
        site_id: strawberry.ID | None = None,
        search: str | None = None,
        include_former: bool = False,
    ) -> AsyncIterable[models.Employee]:
        return _employees(None, site_id, department_id, search, include_former)

    @api.connection(
        api.Connection[DirectoryEntry],
        DIRECTORY,
        description="The staff directory: names, departments and work contacts only.",
    )
    def employee_directory(
        self,
        department_id: strawberry.ID | None = None,
        site_id: strawberry.ID | None = None,
        search: str | None = None,
    ) -> AsyncIterable[models.Employee]:
        return _employees(None, site_id, department_id, search, False)

    @api.connection(api.Connection[Contract], VIEW, description="Contracts, latest start first.")
    def contracts(self, employee_id: strawberry.ID | None = None) -> AsyncIterable[models.Contract]:
        qs = models.Contract.all()
        if employee_id is not None:
            qs = qs.filter(employee_id=api.decode_id(employee_id, "Employee", "employeeId"))
        return qs.order_by("-start", "-id")

    @api.connection(
        api.Connection[Contract],
        VIEW,
        description="Contracts whose last day falls within the next `days` days, soonest first.",
    )
    def contracts_ending(
        self, days: int | None = None, site_id: strawberry.ID | None = None
    ) -> AsyncIterable[models.Contract]:
        within = services.settings().contract_notice_days if days is None else days
        if not 0 <= within <= 3660:
            raise api.ServiceError("OUT_OF_RANGE", "hr.invalid_days", "days")
        qs = services.contracts.ending_within(within)
        if site_id is not None:
            site = api.decode_id(site_id, "Site", "siteId")
            qs = qs.filter(employee__work_sites__site_id=site)
        return qs.order_by("end", "id")

    @api.query(LEAVE, description="The leave types employees may ask for.")
    async def leave_types(
        self, info: strawberry.Info, include_inactive: bool = False
    ) -> list[LeaveType]:
        qs = models.LeaveType.all()
        if not include_inactive:
            qs = qs.filter(active=True)
        found: list[LeaveType] = await api.load_list(qs, info, LeaveType)
        return found

    @api.connection(api.Connection[LeaveRequest], VIEW, description="Leave requests.")
    def leave_requests(
        self,
        employee_id: strawberry.ID | None = None,
        status: LeaveStatus | None = None,
        site_id: strawberry.ID | None = None,
    ) -> AsyncIterable[models.LeaveRequest]:
        qs = models.LeaveRequest.all()
        if employee_id is not None:
            qs = qs.filter(employee_id=api.decode_id(employee_id, "Employee", "employeeId"))
        if status is not None:
            qs = qs.filter(status=status.value)
        if site_id is not None:
            qs = qs.filter(employee__site_id=api.decode_id(site_id, "Site", "siteId"))
        return qs.order_by("start", "id")

    @api.query(LEAVE, description="The caller's own leave requests, latest first.")
    async def my_leave_requests(
        self, info: strawberry.Info, year: int | None = None
    ) -> list[LeaveRequest]:
        employee = await services.leave.own_request(info.context.actor)
        qs = models.LeaveRequest.filter(employee_id=employee.id)
        if year is not None:
            qs = qs.filter(start__year=year)
        found: list[LeaveRequest] = await api.load_list(
            qs.order_by("-start", "-id").limit(200), info, LeaveRequest
        )
        return found

    @api.query(
        LEAVE,
        description=(
            "An employee's leave balances for a year (default: this year). Without employeeId:"
            " the caller's own; another employee's need hr.view."
        ),
    )
    async def leave_balances(
        self,
        info: strawberry.Info,
        employee_id: strawberry.ID | None = None,
        year: int | None = None,
    ) -> list[LeaveBalance]:
        actor = info.context.actor
        if employee_id is None:
            target = (await services.leave.own_request(actor)).id
        else:
            target = api.decode_id(employee_id, "Employee", "employeeId")
            own = await services.own_employee(actor)
            if not actor.has(VIEW) and (own is None or own.id != target):
                raise api.ServiceError("FORBIDDEN", "hr.own_leave_only", "employeeId")
        rows = await services.allocations.balances(actor, target, year or services.today().year)
        return [
            LeaveBalance(
                leave_type=row.leave_type,  # type: ignore[arg-type]  # the model is the node
                year=row.allocation.year,
                days=float(row.allocation.days),
                accrual=Accrual(row.allocation.accrual),
                accrued=float(row.accrued),
                used=float(row.allocation.used),
                pending=float(row.allocation.pending),
                available=float(row.available),
            )
            for row in rows
        ]
