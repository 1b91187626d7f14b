from __future__ import annotations

import strawberry

from sportello import api
from sportello_itsupport import models, services
from sportello_itsupport.graphql.mutations._common import SupportTicketPayload
from sportello_itsupport.graphql.types import SupportTicketStatus


@api.mutation(
    "itsupport.work",
    SupportTicketPayload,
    description=(
        "Move a ticket: OPEN, WAITING_REQUESTER / WAITING_SUPPLIER (the clock pauses),"
        " RESOLVED or CLOSED (optionally with a knowledge-base article as the answer and, on"
        " closing, the requester's satisfaction 1-5)."
    ),
)
async def support_ticket_set_status(
    info: strawberry.Info,
    id: strawberry.ID,
    status: SupportTicketStatus,
    article_id: strawberry.ID | None = None,
    satisfaction: int | None = None,
    satisfaction_comment: str | None = "",
) -> models.Ticket:
    return await services.set_status(
        info.context.actor,
        api.decode_id(id, "SupportTicket", "id"),
        status.value,
        article_id=api.decode_optional(article_id, "KbArticle", "articleId"),
        satisfaction=satisfaction,
        comment=satisfaction_comment or "",
    )
