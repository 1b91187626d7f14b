from __future__ import annotations

import strawberry

from sportello import api
from sportello_itsupport import models, services
from sportello_itsupport.graphql.mutations._common import SupportTicketPayload


@api.mutation(
    "itsupport.request",
    SupportTicketPayload,
    description="The requester's satisfaction (1-5) with a resolved or closed ticket.",
)
async def support_ticket_rate(
    info: strawberry.Info, id: strawberry.ID, score: int, comment: str | None = ""
) -> models.Ticket:
    return await services.rate(
        info.context.actor, api.decode_id(id, "SupportTicket", "id"), score, comment or ""
    )
