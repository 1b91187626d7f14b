from __future__ import annotations

import datetime as dt

import strawberry

from sportello import api
from sportello_crm import models
from sportello_crm.graphql import links
from sportello_crm.graphql.mutations._common import InteractionPayload, site_of
from sportello_crm.graphql.values import Channel, Direction, LinkInput
from sportello_crm.services import contact


@strawberry.input
class InteractionLogInput:
    channel: Channel
    site_id: strawberry.ID | None = strawberry.field(
        default=None, description="Default: the caller's only site, else the first one."
    )
    party_id: strawberry.ID | None = strawberry.field(
        default=None, description="Who; null when not known (an anonymous call)."
    )
    direction: Direction = Direction.IN
    subject: str = ""
    body: str = ""
    filter_note: str = strawberry.field(
        default="", description="The switchboard's note on a call: who, what about, for whom."
    )
    contact: str = strawberry.field(default="", description="The address or number used.")
    occurred_at: dt.datetime | None = strawberry.field(default=None, description="Default: now.")
    case_id: strawberry.ID | None = strawberry.field(
        default=None,
        description=(
            "The case it is about. An inbound interaction resumes a case waiting on the party"
            " and reopens a resolved one."
        ),
    )
    links: list[LinkInput] | None = strawberry.field(
        default=None, description="Any office's objects it is about (a reservation, a ticket)."
    )
    handled: bool = strawberry.field(
        default=False, description="Dealt with already: it does not go to the inbox."
    )


@api.mutation(
    "crm.desk",
    InteractionPayload,
    description="Log a contact with a party on any channel (crm.interaction.logged).",
)
async def interaction_log(info: strawberry.Info, input: InteractionLogInput) -> models.Interaction:
    return await contact.log_interaction(
        info.context.actor,
        await site_of(info, input.site_id),
        input.channel.value,
        party_id=api.decode_optional(input.party_id, "Party", "partyId"),
        direction=input.direction.value,
        subject=input.subject,
        body=input.body,
        filter_note=input.filter_note,
        contact=input.contact,
        occurred_at=input.occurred_at,
        case_id=api.decode_optional(input.case_id, "Case", "caseId"),
        links=await links.targets(info, input.links),
        handled=input.handled,
    )
