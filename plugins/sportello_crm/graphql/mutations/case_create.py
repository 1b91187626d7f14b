from __future__ import annotations

import strawberry

from sportello import api
from sportello_crm import models
from sportello_crm.graphql import links
from sportello_crm.graphql.mutations._common import CasePayload, site_of
from sportello_crm.graphql.values import CaseKind, CasePriority, Channel, LinkInput
from sportello_crm.services import cases


@strawberry.input
class CaseCreateInput:
    subject: str
    channel: Channel
    party_id: strawberry.ID | None = strawberry.field(
        default=None, description="The requester; null for an anonymous request."
    )
    description: str | None = None
    category: str | None = None
    kind: CaseKind = CaseKind.REQUEST
    priority: CasePriority = CasePriority.NORMAL
    site_id: strawberry.ID | None = strawberry.field(
        default=None, description="Default: the caller's only site, else the first one."
    )
    interaction_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Interactions it came from (a call, an email)."
    )
    links: list[LinkInput] | None = strawberry.field(
        default=None, description="Any office's objects it is about."
    )


@api.mutation(
    "crm.desk",
    CasePayload,
    description=(
        "Take a complaint or request at the desk: open, its SLA clock started, the requester"
        " told its reference (crm.case.created)."
    ),
)
async def case_create(info: strawberry.Info, input: CaseCreateInput) -> models.Case:
    interaction_ids = [
        api.decode_id(i, "Interaction", "interactionIds") for i in input.interaction_ids or ()
    ]
    return await cases.create(
        info.context.actor,
        await site_of(info, input.site_id),
        input.subject,
        input.channel.value,
        kind=input.kind.value,
        party_id=api.decode_optional(input.party_id, "Party", "partyId"),
        description=input.description or "",
        category=input.category or "",
        priority=input.priority.value,
        links=await links.targets(info, input.links),
        interaction_ids=interaction_ids,
    )
