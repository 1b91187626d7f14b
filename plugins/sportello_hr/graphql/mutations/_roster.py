"""The payloads of the roster's mutations."""

from __future__ import annotations

import strawberry

from sportello import api
from sportello_hr.graphql.roster import EmployeeSkill, Shift, ShiftSwap, ShiftTemplate, Station
from sportello_hr.graphql.types import HrRosterError

StationPayload = api.payload(Station, errors=HrRosterError)
ShiftTemplatePayload = api.payload(ShiftTemplate, errors=HrRosterError)
ShiftPayload = api.payload(Shift, errors=HrRosterError)
ShiftSwapPayload = api.payload(ShiftSwap, errors=HrRosterError)
EmployeeSkillPayload = api.payload(EmployeeSkill, errors=HrRosterError)


# Written out: the removed shift's ID instead of the shift.
@strawberry.type
class ShiftRemovePayload:
    deleted_id: strawberry.ID | None = None
    errors: list[HrRosterError] = strawberry.field(default_factory=list)  # type: ignore[valid-type]  # a generated type
