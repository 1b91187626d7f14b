from __future__ import annotations

import strawberry

from sportello import api
from sportello_crm import models
from sportello_crm.graphql.mutations._pipeline import LostReasonPayload
from sportello_crm.services import pipeline


@api.mutation("crm.manage", LostReasonPayload, description="Add a reason opportunities are lost.")
async def lost_reason_create(info: strawberry.Info, name: str) -> models.LostReason:
    return await pipeline.lost_reason_create(info.context.actor, name)
