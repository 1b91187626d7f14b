from __future__ import annotations

import strawberry

from sportello import api
from sportello_crm import models
from sportello_crm.graphql import links
from sportello_crm.graphql.mutations._common import InteractionPayload
from sportello_crm.graphql.values import LinkInput
from sportello_crm.services import interactions


@api.mutation(
    "crm.desk", InteractionPayload, description="Link an interaction to any office's objects."
)
async def interaction_link(
    info: strawberry.Info, id: strawberry.ID, links: list[LinkInput]
) -> models.Interaction:
    interaction_id = api.decode_id(id, "Interaction", "id")
    targets = await _targets(info, links)
    return await interactions.link(info.context.actor, interaction_id, targets)


async def _targets(info: strawberry.Info, items: list[LinkInput]) -> list[interactions.LinkTarget]:
    return await links.targets(info, items)
