from __future__ import annotations

import strawberry

from sportello import api
from sportello_visitors import models, services
from sportello_visitors.graphql.mutations._common import VisitPayload


@api.mutation("visitors.manage", VisitPayload)
async def visit_check_out(info: strawberry.Info, id: strawberry.ID) -> models.Visit:
    return await services.check_out(info.context.actor, api.decode_id(id, "Visit", "id"))
