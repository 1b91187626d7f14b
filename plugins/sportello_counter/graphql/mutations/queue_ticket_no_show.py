from __future__ import annotations

import strawberry

from sportello import api
from sportello_counter import models, services
from sportello_counter.graphql.mutations._common import TicketPayload


@api.mutation("counter.operate", TicketPayload)
async def queue_ticket_no_show(info: strawberry.Info, ticket_id: strawberry.ID) -> models.Ticket:
    ticket = api.decode_id(ticket_id, "QueueTicket", "ticketId")
    return await services.no_show(info.context.actor, ticket)
