from __future__ import annotations

import strawberry

from sportello.graphql.errors import errors_of
from sportello.graphql.ids import decode_id
from sportello.identity.permissions import requires
from sportello.services import ServiceError
from sportello_counter import services
from sportello_counter.graphql.mutations._common import TicketPayload
from sportello_counter.graphql.types import CounterError, PriorityReason, TicketPriority


@strawberry.input
class QueueTicketIssueInput:
    service_id: strawberry.ID
    priority: TicketPriority | None = TicketPriority.NORMAL
    priority_reason: PriorityReason | None = strawberry.field(
        default=None, description="Optional; kept on PRIORITY tickets (ignored on NORMAL ones)."
    )
    party_name: str = ""
    channel: str = "kiosk"


@strawberry.type
class QueueTicketIssueMutation:
    @strawberry.mutation(
        permission_classes=[requires("counter.issue")],
        description=(
            "A walk-in takes a ticket (kiosk or clerk) while the service is open"
            " (SERVICE_CLOSED on closed days and outside opening hours, site-local time)."
        ),
    )
    async def queue_ticket_issue(
        self, info: strawberry.Info, input: QueueTicketIssueInput
    ) -> TicketPayload:
        try:
            ticket = await services.issue_ticket(
                info.context.actor,
                decode_id(input.service_id, "CounterService", "serviceId"),
                (input.priority or TicketPriority.NORMAL).value,
                input.priority_reason.value if input.priority_reason else None,
                channel="clerk" if input.channel == "clerk" else "kiosk",
                party_name=input.party_name.strip(),
            )
        except ServiceError as exc:
            return TicketPayload(errors=errors_of(exc, info, CounterError))
        return TicketPayload(ticket=ticket)  # type: ignore[arg-type]
