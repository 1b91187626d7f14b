"""The payloads hr's mutations share (their names are part of the schema)."""

from __future__ import annotations

from sportello import api
from sportello_hr.graphql.types import Contract, Employee, HrError, LeaveRequest, LeaveType

EmployeePayload = api.payload(Employee, errors=HrError)
ContractPayload = api.payload(Contract, errors=HrError)
LeaveTypePayload = api.payload(LeaveType, errors=HrError)
LeaveRequestPayload = api.payload(LeaveRequest, errors=HrError)
