"""Shared set-up for the hr tests: a town hall in Rome with a calendar, a department, people."""

from __future__ import annotations

from typing import Any

MODULES = ["reception", "hr"]

SITE = "mutation($i: SiteCreateInput!) { siteCreate(input: $i) { site { id } errors { code } } }"
DEPARTMENT = """
mutation($i: DepartmentCreateInput!) {
  departmentCreate(input: $i) { department { id } errors { field code } }
}
"""
DEPARTMENT_UPDATE = """
mutation($i: DepartmentUpdateInput!) {
  departmentUpdate(input: $i) { department { id } errors { field code } }
}
"""
CALENDAR = """
mutation($i: BusinessCalendarCreateInput!) {
  businessCalendarCreate(input: $i) { businessCalendar { id } errors { field code } }
}
"""
ME = "{ me { id partyId } }"
EMPLOYEE_FIELDS = """
  id displayName jobTitle workEmail workPhone startDate endDate userId
  department { id name } site { id } sites { id } manager { id displayName }
"""
EMPLOYEE_CREATE = f"""
mutation($i: EmployeeCreateInput!) {{
  employeeCreate(input: $i) {{ employee {{ {EMPLOYEE_FIELDS} }} errors {{ field code message }} }}
}}
"""
CONTRACT_CREATE = """
mutation($i: ContractCreateInput!) {
  contractCreate(input: $i) {
    contract { id kind start end hoursPerWeek workDays calendar { id } employee { id } }
    errors { field code message }
  }
}
"""
LEAVE_TYPE_CREATE = """
mutation($i: LeaveTypeCreateInput!) {
  leaveTypeCreate(input: $i) { leaveType { id code } errors { field code } }
}
"""
ALLOCATION_SET = """
mutation($i: LeaveAllocationSetInput!) {
  leaveAllocationSet(input: $i) {
    balance { year days accrued used pending available leaveType { code } }
    errors { field code message }
  }
}
"""
LEAVE_FIELDS = "id status days start end halfDayStart halfDayEnd"
LEAVE_CREATE = f"""
mutation($i: LeaveRequestCreateInput!) {{
  leaveRequestCreate(input: $i) {{ leaveRequest {{ {LEAVE_FIELDS} }} errors {{ field code message }} }}
}}
"""
LEAVE_APPROVE = f"""
mutation($i: LeaveRequestApproveInput!) {{
  leaveRequestApprove(input: $i) {{ leaveRequest {{ {LEAVE_FIELDS} }} errors {{ field code message }} }}
}}
"""
LEAVE_REJECT = f"""
mutation($i: LeaveRequestRejectInput!) {{
  leaveRequestReject(input: $i) {{ leaveRequest {{ {LEAVE_FIELDS} }} errors {{ field code message }} }}
}}
"""
LEAVE_CANCEL = f"""
mutation($i: LeaveRequestCancelInput!) {{
  leaveRequestCancel(input: $i) {{ leaveRequest {{ {LEAVE_FIELDS} }} errors {{ field code message }} }}
}}
"""
BALANCES = """
query($e: ID, $y: Int) {
  leaveBalances(employeeId: $e, year: $y) {
    leaveType { code } year days accrued used pending available
  }
}
"""
#: Monday to Friday, 9-13 and 14-18.
WEEK = [
    {"weekday": day, "start": start, "end": end}
    for day in ("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY")
    for start, end in (("09:00", "13:00"), ("14:00", "18:00"))
]


def pk(global_id: str) -> int:
    from strawberry import relay

    return int(relay.GlobalID.from_id(global_id).node_id)


class Person:
    """An employee with a login: their token, user and employee ids."""

    def __init__(self, token: str, user_id: str, employee: dict[str, Any]) -> None:
        self.token = token
        self.user_id = user_id
        self.employee = employee
        self.id: str = employee["id"]


async def town_hall(h: Any, code: str = "RM1") -> dict[str, str]:
    """A site in Rome whose calendar observes Italian holidays (and Rome's), a department."""
    site = await h.ok(SITE, {"i": {"code": code, "name": f"Town hall {code}"}})
    site_id = site["siteCreate"]["site"]["id"]
    cal = await h.ok(
        CALENDAR,
        {
            "i": {
                "name": "Town hall",
                "siteId": site_id,
                "country": "IT",
                "subdivision": "RM",
                "hours": WEEK,
            }
        },
    )
    assert cal["businessCalendarCreate"]["errors"] == [], cal
    dept = await h.ok(
        DEPARTMENT, {"i": {"name": "Anagrafe", "siteId": site_id, "code": f"AN{code}"}}
    )
    assert dept["departmentCreate"]["errors"] == [], dept
    return {
        "site": site_id,
        "calendar": cal["businessCalendarCreate"]["businessCalendar"]["id"],
        "department": dept["departmentCreate"]["department"]["id"],
    }


async def hire(
    h: Any,
    place: dict[str, str],
    name: str,
    *,
    roles: tuple[str, ...] = ("back_office",),
    manager: Person | None = None,
    start: str = "2025-01-01",
    **extra: Any,
) -> Person:
    """A person with a login at the site, hired into the department."""
    email = name.lower().replace(" ", ".") + "@town.example"
    token = await h.token(roles=list(roles), sites=[pk(place["site"])], email=email)
    me = (await h.ok(ME, token=token))["me"]
    data = await h.ok(
        EMPLOYEE_CREATE,
        {
            "i": {
                "userId": me["id"],
                "departmentId": place["department"],
                "siteIds": [place["site"]],
                "jobTitle": extra.pop("jobTitle", "Clerk"),
                "workEmail": email,
                "workPhone": "+39 06 1234567",
                "startDate": start,
                **({"managerId": manager.id} if manager else {}),
                **extra,
            }
        },
    )
    assert data["employeeCreate"]["errors"] == [], data
    return Person(token, me["id"], data["employeeCreate"]["employee"])


async def annual_leave(h: Any, days: str = "20", *, allow_negative: bool = False) -> str:
    data = await h.ok(
        LEAVE_TYPE_CREATE,
        {"i": {"code": "ANNUAL", "name": "Annual leave", "allowNegative": allow_negative}},
    )
    assert data["leaveTypeCreate"]["errors"] == [], data
    type_id: str = data["leaveTypeCreate"]["leaveType"]["id"]
    return type_id


async def allocate(
    h: Any, person: Person, type_id: str, days: float, year: int = 2027, accrual: str = "YEARLY"
) -> dict[str, Any]:
    data = await h.ok(
        ALLOCATION_SET,
        {
            "i": {
                "employeeId": person.id,
                "leaveTypeId": type_id,
                "year": year,
                "days": days,
                "accrual": accrual,
            }
        },
    )
    assert data["leaveAllocationSet"]["errors"] == [], data
    balance: dict[str, Any] = data["leaveAllocationSet"]["balance"]
    return balance


async def ask(
    h: Any, person: Person, type_id: str, start: str, end: str, **extra: Any
) -> dict[str, Any]:
    token = extra.pop("token", None) or person.token
    data = await h.ok(
        LEAVE_CREATE,
        {
            "i": {
                "employeeId": person.id,
                "leaveTypeId": type_id,
                "start": start,
                "end": end,
                **extra,
            }
        },
        token=token,
    )
    payload: dict[str, Any] = data["leaveRequestCreate"]
    return payload
