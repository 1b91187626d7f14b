from __future__ import annotations

import strawberry

from sportello import api
from sportello_crm import models
from sportello_crm.graphql.mutations._pipeline import ActivityPayload
from sportello_crm.services import activities


@api.mutation(
    "crm.desk", ActivityPayload, description="Done: its reminder, if not sent yet, is withdrawn."
)
async def activity_done(info: strawberry.Info, id: strawberry.ID) -> models.Activity:
    return await activities.done(info.context.actor, api.decode_id(id, "Activity", "id"))
