"""hr's GraphQL types: the employee (HR's view), the directory card (staff's view), personal
data (hr.manage only), contracts, leave types, balances and requests."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Awaitable
from decimal import Decimal
from typing import Any, TypeAlias, TypeVar

import strawberry
from strawberry import relay
from tortoise.expressions import Q, Subquery

from sportello import api
from sportello_hr import models
from sportello_hr.services import contracts as contract_rules


def _sites_of(site_ids: frozenset[int]) -> Q:
    """Employees working at one of the sites (every work site has a row, the main one too)."""
    at = models.EmployeeSite.filter(site_id__in=sorted(site_ids)).values("employee_id")
    return Q(id__in=Subquery(at))


#: Employees are read at every site they work at.
EMPLOYEE_SITES = api.SiteScope(_sites_of)


@strawberry.enum(description="The kind of an employment contract.")
class ContractKind(enum.Enum):
    PERMANENT = models.PERMANENT
    FIXED_TERM = models.FIXED_TERM


@strawberry.enum(description="How the days of an allocation become available.")
class Accrual(enum.Enum):
    YEARLY = models.YEARLY
    MONTHLY = models.MONTHLY


@strawberry.enum(description="Where a leave request stands.")
class LeaveStatus(enum.Enum):
    PENDING = models.PENDING
    APPROVED = models.APPROVED
    REJECTED = models.REJECTED
    CANCELLED = models.CANCELLED


# --- batch loaders: one query for a page ----------------------------------------------------


async def load_sites(employees: list[Any]) -> None:
    by_employee: dict[int, list[int]] = {e.id: [] for e in employees}
    rows = await models.EmployeeSite.filter(employee_id__in=list(by_employee)).order_by("id")
    site_ids = {r.site_id for r in rows}
    sites = {s.id: s for s in await api.SiteModel.filter(id__in=sorted(site_ids))}
    for row in rows:
        by_employee[row.employee_id].append(row.site_id)
    for employee in employees:
        employee.hr_sites = [sites[s] for s in by_employee[employee.id] if s in sites]


async def load_personal(employees: list[Any]) -> None:
    ids = [e.id for e in employees]
    found = {p.employee_id: p for p in await models.PersonalData.filter(employee_id__in=ids)}
    for employee in employees:
        employee.hr_personal = found.get(employee.id)


T = TypeVar("T")
#: A value, or (for an object not loaded by a list's plan: a mutation's payload) its awaitable.
Pending: TypeAlias = T | Awaitable[T]


def _display_name(root: Any) -> Pending[str]:
    name: Pending[str] = api.follow(root, "party.display_name")
    return name


def _sites(root: Any) -> Pending[list[api.Site]]:
    sites: list[api.Site] | None = getattr(root, "hr_sites", None)
    return _sites_now(root) if sites is None else sites


async def _sites_now(root: Any) -> list[api.Site]:
    await load_sites([root])
    sites: list[api.Site] = root.hr_sites
    return sites


def _user_id(root: Any) -> strawberry.ID | None:
    if root.user_id is None:
        return None
    return strawberry.ID(api.encode_id("User", root.user_id))


@strawberry.type(description="What HR keeps private: read only with hr.manage.")
class PersonalData:
    home_address: str
    birth_date: dt.date | None
    id_document_kind: str
    id_document_number: str
    id_document_expiry: dt.date | None
    emergency_contact_name: str
    emergency_contact_phone: str


def _personal(root: Any) -> Pending[PersonalData | None]:
    if not hasattr(root, "hr_personal"):
        return _personal_now(root)
    return _personal_of(root.hr_personal)


async def _personal_now(root: Any) -> PersonalData | None:
    await load_personal([root])
    return _personal_of(root.hr_personal)


def _personal_of(data: models.PersonalData | None) -> PersonalData | None:
    if data is None:
        return None
    return PersonalData(
        home_address=data.home_address,
        birth_date=data.birth_date,
        id_document_kind=data.id_document_kind,
        id_document_number=data.id_document_number,
        id_document_expiry=data.id_document_expiry,
        emergency_contact_name=data.emergency_contact_name,
        emergency_contact_phone=data.emergency_contact_phone,
    )


@strawberry.type(description="An employment: who works here, where, in which department.")
class Employee(api.ModelNode):
    __model__ = models.Employee
    __permission__ = "hr.view"
    __site_field__ = EMPLOYEE_SITES
    __needs__ = {
        "display_name": api.needs("party.display_name"),
        "sites": api.needs(batch=load_sites),
        "personal_data": api.needs(batch=load_personal),
        "user_id": api.needs("user_id"),
    }

    id: relay.NodeID[int]
    party: api.Party
    site: api.Site = strawberry.field(description="The main work site.")
    department: api.Department
    manager: Employee | None
    job_title: str
    work_email: str
    work_phone: str
    start_date: dt.date
    end_date: dt.date | None = strawberry.field(description="The last working day, once set.")
    display_name = strawberry.field(resolver=_display_name, graphql_type=str)
    sites = strawberry.field(
        resolver=_sites,
        graphql_type=list[api.Site],
        description="Every site the employee works at, the main one first.",
    )
    user_id: strawberry.ID | None = strawberry.field(
        resolver=_user_id, description="The employee's login account (a User ID), if any."
    )
    personal_data = strawberry.field(
        resolver=_personal,
        graphql_type=PersonalData | None,
        permission_classes=[api.requires("hr.manage")],
        description="Home address, birth date, identity document, emergency contact (hr.manage).",
    )


def _employee_id(root: Any) -> strawberry.ID:
    return strawberry.ID(api.encode_id("Employee", root.id))


@strawberry.type(
    description="An employee as the staff directory shows them: name, department, work contacts."
)
class DirectoryEntry(api.ModelNode):
    __model__ = models.Employee
    __permission__ = "hr.directory"
    __site_field__ = EMPLOYEE_SITES
    __needs__ = {
        "display_name": api.needs("party.display_name"),
        "sites": api.needs(batch=load_sites),
    }

    id: relay.NodeID[int]
    department: api.Department
    job_title: str
    work_email: str
    work_phone: str
    display_name = strawberry.field(resolver=_display_name, graphql_type=str)
    sites = strawberry.field(resolver=_sites, graphql_type=list[api.Site])
    employee_id = strawberry.field(
        resolver=_employee_id,
        graphql_type=strawberry.ID,
        description="The same person as an Employee (the ID mutations take).",
    )


def _work_days(root: Any) -> list[api.Weekday]:
    return [api.Weekday(d) for d in contract_rules.weekdays_of(root.work_days)]


@strawberry.type(description="An employment contract.")
class Contract(api.ModelNode):
    __model__ = models.Contract
    __permission__ = "hr.view"
    __site_field__ = "employee__site_id"
    __needs__ = {"work_days": api.needs("work_days")}

    id: relay.NodeID[int]
    employee: Employee
    kind: ContractKind
    start: dt.date
    end: dt.date | None = strawberry.field(description="The last day; null: permanent.")
    hours_per_week: Decimal | None = strawberry.field(description="Part time; null: full time.")
    calendar: api.BusinessCalendar | None = strawberry.field(
        description="Whose public holidays and closed days apply; null: the site's calendar."
    )
    work_days: list[api.Weekday] = strawberry.field(
        resolver=_work_days, description="The weekdays worked."
    )


@strawberry.type(description="A kind of absence: annual leave, sick leave, unpaid leave...")
class LeaveType(api.ModelNode):
    __model__ = models.LeaveType
    __permission__ = "hr.leave"

    id: relay.NodeID[int]
    code: str
    name: str
    uses_allocation: bool = strawberry.field(description="Requests draw on a yearly balance.")
    allow_negative: bool = strawberry.field(description="The balance may go below zero.")
    active: bool


def _days(root: Any) -> float:
    return float(root.days)


@strawberry.type(description="An absence asked for by an employee, decided by the manager.")
class LeaveRequest(api.ModelNode):
    __model__ = models.LeaveRequest
    __permission__ = "hr.view"
    __site_field__ = "employee__site_id"
    __needs__ = {"days": api.needs("days")}

    id: relay.NodeID[int]
    employee: Employee
    leave_type: LeaveType
    start: dt.date
    end: dt.date
    half_day_start: bool = strawberry.field(description="The first day is taken from midday.")
    half_day_end: bool = strawberry.field(description="The last day is taken until midday.")
    days: float = strawberry.field(
        resolver=_days, description="Working days counted (holidays skipped), in half days."
    )
    status: LeaveStatus
    note: str
    decided_at: dt.datetime | None
    created_at: dt.datetime


@strawberry.type(description="One leave type's balance for a year.")
class LeaveBalance:
    leave_type: LeaveType
    year: int
    days: float = strawberry.field(description="Allocated for the whole year.")
    accrual: Accrual
    accrued: float = strawberry.field(description="Available by today (monthly accrual).")
    used: float = strawberry.field(description="Days of approved requests.")
    pending: float = strawberry.field(description="Days of requests waiting for a decision.")
    available: float = strawberry.field(description="Accrued less used and pending.")


HrError = api.office_errors(
    "Hr",
    "END_BEFORE_START",
    "NO_WORKING_DAYS",
    "OVERLAPPING_LEAVE",
    "NO_ALLOCATION",
    "INSUFFICIENT_BALANCE",
    "INVALID_TRANSITION",
)
HrRosterError = api.office_errors(
    "HrRoster",
    "END_BEFORE_START",
    "INVALID_TRANSITION",
    "NOT_AT_SITE",
    "NOT_EMPLOYED",
    "SHIFT_OVERLAP",
    "ON_LEAVE",
    "REST_TOO_SHORT",
    "SKILL_MISSING",
    "TRAINING_MISSING",
    "TRAINING_EXPIRED",
)
