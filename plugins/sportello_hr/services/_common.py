"""What the hr services share: settings, the clock, permission codes, employee lookups."""

from __future__ import annotations

import datetime as dt

from sportello import api
from sportello_hr import models as m
from sportello_hr.settings import HrSettings

VIEW = "hr.view"
MANAGE = "hr.manage"
DIRECTORY = "hr.directory"
LEAVE = "hr.leave"

_settings = HrSettings()


def configure(settings: HrSettings | None) -> None:
    """Called at startup with the validated ``[modules.hr]`` table."""
    global _settings
    _settings = settings or HrSettings()


def settings() -> HrSettings:
    return _settings


def now() -> dt.datetime:
    """Current time (UTC); tests may monkeypatch it."""
    return dt.datetime.now(dt.UTC)


def today() -> dt.date:
    return now().date()


def not_found(field: str) -> api.ServiceError:
    return api.ServiceError("NOT_FOUND", "core.not_found", field)


async def employee_site_ids(employee_id: int) -> set[int]:
    rows: list[int] = await m.EmployeeSite.filter(employee_id=employee_id).values_list(
        "site_id", flat=True
    )  # type: ignore[assignment]  # flat=True gives the column's values
    return set(rows)


async def visible_employee(
    actor: api.Actor, employee_id: int, field: str = "employeeId", *, lock: bool = False
) -> m.Employee:
    """The employee, when the actor works at one of its sites (NOT_FOUND otherwise);
    ``lock``: row-locked until the transaction ends."""
    qs = m.Employee.filter(id=employee_id)
    employee = await (qs.select_for_update() if lock else qs).first()
    if employee is None:
        raise not_found(field)
    if actor.site_ids is not None and not (
        actor.site_ids & (await employee_site_ids(employee.id) | {employee.site_id})
    ):
        raise not_found(field)
    return employee


async def own_employee(actor: api.Actor) -> m.Employee | None:
    """The caller's own employment (by login account, else by party)."""
    if actor.user_id is not None:
        found = await m.Employee.filter(user_id=actor.user_id).first()
        if found is not None:
            return found
    if actor.party_id is not None:
        return await m.Employee.filter(party_id=actor.party_id).order_by("-id").first()
    return None


async def manager_user_ids(employee: m.Employee) -> set[int]:
    """Who decides for an employee: their manager's login, else their department's manager."""
    if employee.manager_id is not None:
        manager = await m.Employee.filter(id=employee.manager_id).first()
        if manager is not None and manager.user_id is not None:
            return {manager.user_id}
    return set(await api.department_manager_ids(employee.department_id))


async def may_decide(actor: api.Actor, employee: m.Employee) -> bool:
    """HR (hr.manage) or the employee's manager, never the employee themselves."""
    if actor.user_id is not None and actor.user_id == employee.user_id:
        return False
    if actor.has(MANAGE):
        return True
    return actor.user_id is not None and actor.user_id in await manager_user_ids(employee)
