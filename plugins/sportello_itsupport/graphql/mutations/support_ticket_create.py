from __future__ import annotations

import strawberry

from sportello import api
from sportello_itsupport import models, services
from sportello_itsupport.graphql.mutations._common import SupportTicketPayload
from sportello_itsupport.graphql.types import (
    Impact,
    SupportChannel,
    SupportTicketKind,
    Urgency,
)


@strawberry.input
class SupportTicketCreateInput:
    subject: str
    description: str
    requester_id: strawberry.ID | None = strawberry.field(
        default=None, description="The requester (a Party); default: the caller's own party."
    )
    category_id: strawberry.ID | None = None
    impact: Impact | None = None
    urgency: Urgency | None = None
    asset_ids: list[strawberry.ID] | None = None
    site_id: strawberry.ID | None = strawberry.field(
        default=None, description="Default: the caller's only site, else the whole organisation."
    )
    team_id: strawberry.ID | None = strawberry.field(
        default=None, description="Default: the category's team."
    )
    kind: SupportTicketKind | None = None
    channel: SupportChannel | None = SupportChannel.WEB


@api.mutation(
    "itsupport.request",
    SupportTicketPayload,
    description=(
        "Open a ticket: numbered, prioritised by the impact x urgency matrix, routed to a team"
        " and an agent, its service-level clock started."
    ),
)
async def support_ticket_create(
    info: strawberry.Info, input: SupportTicketCreateInput
) -> models.Ticket:
    return await services.create_ticket(
        info.context.actor,
        subject=input.subject,
        description=input.description,
        requester_id=api.decode_optional(input.requester_id, "Party", "requesterId"),
        category_id=api.decode_optional(input.category_id, "SupportCategory", "categoryId"),
        impact=input.impact.value if input.impact else None,
        urgency=input.urgency.value if input.urgency else None,
        asset_ids=[api.decode_id(a, "ItAsset", "assetIds") for a in input.asset_ids or []],
        site_id=api.decode_optional(input.site_id, "Site", "siteId"),
        team_id=api.decode_optional(input.team_id, "Department", "teamId"),
        kind=input.kind.value if input.kind else None,
        channel=input.channel.value if input.channel else "web",
    )
