from __future__ import annotations

import strawberry

from sportello import api
from sportello_itsupport import models, services
from sportello_itsupport.graphql.mutations._common import SupportTicketPayload


@api.mutation(
    "itsupport.work",
    SupportTicketPayload,
    description="Merge a duplicate into the ticket it repeats; answers the ticket kept.",
)
async def support_ticket_merge(
    info: strawberry.Info, id: strawberry.ID, into_id: strawberry.ID
) -> models.Ticket:
    return await services.merge(
        info.context.actor,
        api.decode_id(id, "SupportTicket", "id"),
        api.decode_id(into_id, "SupportTicket", "intoId"),
    )
