from __future__ import annotations

import strawberry

from sportello.graphql.errors import errors_of
from sportello.graphql.ids import decode_id
from sportello.identity.permissions import requires
from sportello.services import ServiceError
from sportello_counter import services
from sportello_counter.graphql.mutations._common import TicketPayload
from sportello_counter.graphql.types import CounterError


@strawberry.input
class QueueTicketCancelInput:
    ticket_id: strawberry.ID


@strawberry.type
class QueueTicketCancelMutation:
    @strawberry.mutation(
        permission_classes=[requires("counter.operate")],
        description="Withdraw a WAITING ticket (the person left): CANCELLED, off the queue.",
    )
    async def queue_ticket_cancel(
        self, info: strawberry.Info, input: QueueTicketCancelInput
    ) -> TicketPayload:
        try:
            ticket = await services.cancel_ticket(
                info.context.actor, decode_id(input.ticket_id, "QueueTicket", "ticketId")
            )
        except ServiceError as exc:
            return TicketPayload(errors=errors_of(exc, info, CounterError))
        return TicketPayload(ticket=ticket)  # type: ignore[arg-type]
