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
class QueueTicketNoShowInput:
    ticket_id: strawberry.ID


@strawberry.type
class QueueTicketNoShowMutation:
    @strawberry.mutation(permission_classes=[requires("counter.operate")])
    async def queue_ticket_no_show(
        self, info: strawberry.Info, input: QueueTicketNoShowInput
    ) -> TicketPayload:
        try:
            ticket = await services.no_show(
                info.context.actor, decode_id(input.ticket_id, "QueueTicket", "ticketId")
            )
        except ServiceError as exc:
            return TicketPayload(errors=errors_of(exc, info, CounterError))
        return TicketPayload(ticket=ticket)  # type: ignore[arg-type]
