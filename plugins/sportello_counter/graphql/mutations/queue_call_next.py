from __future__ import annotations

import strawberry

from sportello.graphql.errors import errors_of
from sportello.graphql.ids import decode_id
from sportello.identity.permissions import requires
from sportello.services import ServiceError
from sportello_counter import services
from sportello_counter.graphql.mutations._common import CallNextPayload
from sportello_counter.graphql.types import CounterError


@strawberry.input
class QueueCallNextInput:
    counter_id: strawberry.ID


@strawberry.type
class QueueCallNextMutation:
    @strawberry.mutation(
        permission_classes=[requires("counter.operate")],
        description="Call the next ticket for the counter's services (rule: sportello_counter.services).",
    )
    async def queue_call_next(
        self, info: strawberry.Info, input: QueueCallNextInput
    ) -> CallNextPayload:
        try:
            ticket, counter = await services.call_next(
                info.context.actor, decode_id(input.counter_id, "Counter", "counterId")
            )
        except ServiceError as exc:
            return CallNextPayload(errors=errors_of(exc, info, CounterError))
        return CallNextPayload(ticket=ticket, counter=counter)  # type: ignore[arg-type]
