from __future__ import annotations

import strawberry

from sportello import api
from sportello_visitors import models, services
from sportello_visitors.graphql.mutations._common import VisitPayload


@api.mutation(
    "visitors.manage",
    VisitPayload,
    description="The visitor arrived: badge handed out, host notified (visitors.visitor.arrived).",
)
async def visit_check_in(
    info: strawberry.Info, id: strawberry.ID, badge_number: str
) -> models.Visit:
    visit_id = api.decode_id(id, "Visit", "id")
    return await services.check_in(info.context.actor, visit_id, badge_number)
