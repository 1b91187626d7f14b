from __future__ import annotations

import strawberry

from sportello import api
from sportello_crm import models
from sportello_crm.graphql.mutations._common import CasePayload
from sportello_crm.graphql.values import CaseKind, CasePriority
from sportello_crm.services import cases


@api.mutation(
    "crm.desk",
    CasePayload,
    description="Sort a case: category, priority, kind (the SLA clock is reassessed).",
)
async def case_triage(
    info: strawberry.Info,
    id: strawberry.ID,
    category: str | None = None,
    priority: CasePriority | None = None,
    kind: CaseKind | None = None,
    version: int | None = None,
) -> models.Case:
    return await cases.triage(
        info.context.actor,
        api.decode_id(id, "Case", "id"),
        category=category,
        priority=priority.value if priority else None,
        kind=kind.value if kind else None,
        version=version,
    )
