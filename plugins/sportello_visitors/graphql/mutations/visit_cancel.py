from __future__ import annotations

import strawberry

from sportello import api
from sportello_visitors import models, services
from sportello_visitors.graphql.mutations._common import VisitPayload


@api.mutation(
    "visitors.plan",
    VisitPayload,
    description="A planned visit will not happen: the host's own, or any by the desk.",
)
async def visit_cancel(info: strawberry.Info, id: strawberry.ID) -> models.Visit:
    return await services.cancel(info.context.actor, api.decode_id(id, "Visit", "id"))
