"""The events hr publishes, and their payloads."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field

EMPLOYEE_HIRED = "hr.employee.hired"
EMPLOYEE_LEFT = "hr.employee.left"
LEAVE_REQUESTED = "hr.leave.requested"
LEAVE_APPROVED = "hr.leave.approved"
LEAVE_REJECTED = "hr.leave.rejected"
LEAVE_CANCELLED = "hr.leave.cancelled"
SHIFT_ASSIGNED = "hr.shift.assigned"
SHIFT_REMOVED = "hr.shift.removed"


class EmployeeHired(BaseModel):
    """Payload of ``hr.employee.hired``."""

    employee_id: int = Field(description="The Employee's id")
    party_id: int = Field(description="The person's Party id")
    user_id: int | None = Field(description="Their login account, if any")
    department_id: int = Field(description="Their department")
    start_date: dt.date = Field(description="First working day")


class EmployeeLeft(BaseModel):
    """Payload of ``hr.employee.left``: an employment ended (its last day is set)."""

    employee_id: int = Field(description="The Employee's id")
    party_id: int = Field(description="The person's Party id")
    user_id: int | None = Field(description="Their login account, if any")
    end_date: dt.date = Field(description="Last working day")


class LeaveEvent(BaseModel):
    """Payload of the ``hr.leave.*`` events."""

    leave_request_id: int = Field(description="The LeaveRequest's id")
    employee_id: int = Field(description="The Employee's id")
    leave_type: str = Field(description="The leave type's code")
    start: dt.date = Field(description="First day")
    end: dt.date = Field(description="Last day")
    days: float = Field(description="Working days counted")
    status: str = Field(description="pending, approved, rejected or cancelled")


class ShiftEvent(BaseModel):
    """Payload of ``hr.shift.assigned`` and ``hr.shift.removed``."""

    shift_id: int = Field(description="The Shift's id")
    employee_id: int = Field(description="The Employee's id")
    station_id: int = Field(description="The Station's id")
    site_id: int = Field(description="The station's site")
    start: dt.datetime = Field(description="Start, ISO 8601")
    end: dt.datetime = Field(description="End, ISO 8601")
