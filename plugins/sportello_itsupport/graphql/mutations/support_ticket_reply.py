from __future__ import annotations

import strawberry

from sportello import api
from sportello_itsupport import models, services
from sportello_itsupport.graphql.mutations._common import SupportTicketPayload


@api.mutation(
    "itsupport.request",
    SupportTicketPayload,
    description=(
        "A public reply (an agent's goes to the requester by mail; the requester's reopens a"
        " resolved ticket) or, with internal, a note only agents read."
    ),
)
async def support_ticket_reply(
    info: strawberry.Info, id: strawberry.ID, body: str, internal: bool | None = False
) -> models.Ticket:
    return await services.reply(
        info.context.actor, api.decode_id(id, "SupportTicket", "id"), body, bool(internal)
    )
