from __future__ import annotations

import strawberry

from sportello import api
from sportello_counter import models, services
from sportello_counter.graphql.mutations._common import TicketPayload


# Written out (not generated from the arguments) for the description of outcome.
@strawberry.input
class QueueTicketServiceFinishInput:
    ticket_id: strawberry.ID
    outcome: str = strawberry.field(default="", description="What was done")
    resolved: bool = True


@api.mutation("counter.operate", TicketPayload)
async def queue_ticket_service_finish(
    info: strawberry.Info, input: QueueTicketServiceFinishInput
) -> models.Ticket:
    return await services.finish_service(
        info.context.actor,
        api.decode_id(input.ticket_id, "QueueTicket", "ticketId"),
        input.outcome,
        input.resolved,
    )
