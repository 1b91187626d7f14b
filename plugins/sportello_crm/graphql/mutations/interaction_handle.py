from __future__ import annotations

import strawberry

from sportello import api
from sportello_crm import models
from sportello_crm.graphql.mutations._common import InteractionPayload
from sportello_crm.services import interactions


@api.mutation(
    "crm.desk",
    InteractionPayload,
    description="Someone took care of an inbound interaction: it leaves the inbox.",
)
async def interaction_handle(info: strawberry.Info, id: strawberry.ID) -> models.Interaction:
    return await interactions.handle(info.context.actor, api.decode_id(id, "Interaction", "id"))
