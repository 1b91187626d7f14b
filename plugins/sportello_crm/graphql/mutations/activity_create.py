from __future__ import annotations

import datetime as dt

import strawberry

from sportello import api
from sportello_crm import models
from sportello_crm.graphql.mutations._pipeline import ActivityPayload
from sportello_crm.graphql.pipeline_types import ActivityKind
from sportello_crm.services import activities


@strawberry.input
class ActivityCreateInput:
    title: str
    kind: ActivityKind = ActivityKind.FOLLOW_UP
    opportunity_id: strawberry.ID | None = None
    party_id: strawberry.ID | None = None
    site_id: strawberry.ID | None = strawberry.field(
        default=None, description="Needed without an opportunity (it gives its own site)."
    )
    note: str = ""
    due_at: dt.datetime | None = None
    remind_minutes: int | None = strawberry.field(
        default=None,
        description="Remind the owner (in the app and by email) this long before it is due.",
    )
    owner_id: strawberry.ID | None = strawberry.field(
        default=None, description="A user; default: the caller."
    )


@api.mutation(
    "crm.desk",
    ActivityPayload,
    description="Plan a call, meeting, task or follow-up, with a due time and a reminder.",
)
async def activity_create(info: strawberry.Info, input: ActivityCreateInput) -> models.Activity:
    return await activities.create(
        info.context.actor,
        input.title,
        site_id=api.decode_optional(input.site_id, "Site", "siteId"),
        opportunity_id=api.decode_optional(input.opportunity_id, "Opportunity", "opportunityId"),
        party_id=api.decode_optional(input.party_id, "Party", "partyId"),
        kind=input.kind.value,
        note=input.note,
        due_at=input.due_at,
        remind_minutes=input.remind_minutes,
        owner_id=api.decode_optional(input.owner_id, "User", "ownerId"),
    )
