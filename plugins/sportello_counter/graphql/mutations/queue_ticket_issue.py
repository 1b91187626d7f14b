from __future__ import annotations

import strawberry

from sportello import api
from sportello_counter import models, services
from sportello_counter.graphql.mutations._common import TicketPayload
from sportello_counter.graphql.types import PriorityReason, TicketPriority


# Written out (not generated from the arguments) for the description of priorityReason.
@strawberry.input
class QueueTicketIssueInput:
    service_id: strawberry.ID
    priority: TicketPriority | None = TicketPriority.NORMAL
    priority_reason: PriorityReason | None = strawberry.field(
        default=None, description="Optional; kept on PRIORITY tickets (ignored on NORMAL ones)."
    )
    party_name: str = ""
    channel: str = "kiosk"


@api.mutation(
    "counter.issue",
    TicketPayload,
    description=(
        "A walk-in takes a ticket (kiosk or clerk) while the service is open"
        " (SERVICE_CLOSED on closed days and outside opening hours, site-local time)."
    ),
)
async def queue_ticket_issue(info: strawberry.Info, input: QueueTicketIssueInput) -> models.Ticket:
    return await services.issue_walk_in(
        info.context.actor,
        api.decode_id(input.service_id, "CounterService", "serviceId"),
        input.priority.value if input.priority else None,
        input.priority_reason.value if input.priority_reason else None,
        channel=input.channel,
        party_name=input.party_name,
    )
