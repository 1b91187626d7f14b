from __future__ import annotations

import strawberry

from sportello import api
from sportello_itsupport import models, services
from sportello_itsupport.graphql.mutations._common import SupportTicketPayload


@api.mutation(
    "itsupport.work",
    SupportTicketPayload,
    description=(
        "Give a ticket to a team (its agent chosen by the team's mode unless agentId names one)"
        " or to an agent of its team."
    ),
)
async def support_ticket_assign(
    info: strawberry.Info,
    id: strawberry.ID,
    team_id: strawberry.ID | None = None,
    agent_id: strawberry.ID | None = None,
) -> models.Ticket:
    return await services.assign(
        info.context.actor,
        api.decode_id(id, "SupportTicket", "id"),
        api.decode_optional(team_id, "Department", "teamId"),
        api.decode_optional(agent_id, "User", "agentId"),
    )
