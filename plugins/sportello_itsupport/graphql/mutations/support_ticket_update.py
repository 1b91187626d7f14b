from __future__ import annotations

import strawberry

from sportello import api
from sportello_itsupport import models, services
from sportello_itsupport.graphql.mutations._common import SupportTicketPayload
from sportello_itsupport.graphql.types import Impact, Urgency


@api.mutation(
    "itsupport.work",
    SupportTicketPayload,
    description="Change what a ticket is about: the priority follows, the clock is reassessed.",
)
async def support_ticket_update(
    info: strawberry.Info,
    id: strawberry.ID,
    impact: Impact | None = None,
    urgency: Urgency | None = None,
    category_id: strawberry.ID | None = None,
    subject: str | None = None,
) -> models.Ticket:
    return await services.update_ticket(
        info.context.actor,
        api.decode_id(id, "SupportTicket", "id"),
        impact=impact.value if impact else None,
        urgency=urgency.value if urgency else None,
        category_id=api.decode_optional(category_id, "SupportCategory", "categoryId"),
        subject=subject,
    )
