from __future__ import annotations

import strawberry

from sportello import api
from sportello_crm import models
from sportello_crm.graphql.mutations._common import CasePayload
from sportello_crm.services import routing


@api.mutation(
    "crm.work",
    CasePayload,
    description=(
        "Pass a case to a department with a note: it sees the party, the interactions and"
        " the linked objects; its members are told (crm.case.transferred). With `version`,"
        " only if nobody changed the case since."
    ),
)
async def case_transfer(
    info: strawberry.Info,
    id: strawberry.ID,
    department_id: strawberry.ID,
    note: str | None = None,
    version: int | None = None,
) -> models.Case:
    return await routing.transfer(
        info.context.actor,
        api.decode_id(id, "Case", "id"),
        api.decode_id(department_id, "Department", "departmentId"),
        note or "",
        version,
    )
