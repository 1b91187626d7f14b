from __future__ import annotations

import strawberry

from sportello import api
from sportello_itsupport import models, services
from sportello_itsupport.graphql.mutations._common import SupportTicketPayload


@api.mutation(
    "itsupport.work",
    SupportTicketPayload,
    description="Put a ticket under a parent ticket (null: none); CYCLE when it would loop.",
)
async def support_ticket_set_parent(
    info: strawberry.Info, id: strawberry.ID, parent_id: strawberry.ID | None = None
) -> models.Ticket:
    return await services.set_parent(
        info.context.actor,
        api.decode_id(id, "SupportTicket", "id"),
        api.decode_optional(parent_id, "SupportTicket", "parentId"),
    )
