from __future__ import annotations

import strawberry

from sportello import api
from sportello_counter import models, services
from sportello_counter.graphql.mutations._common import TicketPayload


@api.mutation("counter.operate", TicketPayload)
async def queue_ticket_transfer(
    info: strawberry.Info, ticket_id: strawberry.ID, service_id: strawberry.ID
) -> models.Ticket:
    return await services.transfer(
        info.context.actor,
        api.decode_id(ticket_id, "QueueTicket", "ticketId"),
        api.decode_id(service_id, "CounterService", "serviceId"),
    )
