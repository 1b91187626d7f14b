from __future__ import annotations

import strawberry

from sportello import api
from sportello_crm import models
from sportello_crm.graphql.mutations._common import CasePayload
from sportello_crm.services import cases


@api.mutation("crm.work", CasePayload, description="Add a note to a case's history.")
async def case_note_add(info: strawberry.Info, id: strawberry.ID, note: str) -> models.Case:
    return await cases.add_note(info.context.actor, api.decode_id(id, "Case", "id"), note)
