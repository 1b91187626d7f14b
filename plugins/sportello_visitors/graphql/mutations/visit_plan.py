from __future__ import annotations

import datetime as dt

import strawberry

from sportello import api
from sportello_visitors import models, services
from sportello_visitors.graphql.mutations._common import VisitPayload


# Written out (not generated from the resolver's arguments) for the description of hostId.
@strawberry.input
class VisitPlanInput:
    site_id: strawberry.ID
    host_id: strawberry.ID | None = strawberry.field(
        default=None,
        description=(
            "The host employee (a Party). Default: the caller's own party. Only the desk"
            " (visitors.manage) may name another host."
        ),
    )
    visitor_name: str
    expected_at: dt.datetime
    company: str = ""
    purpose: str = ""
    visitor_id: strawberry.ID | None = None


@api.mutation(
    "visitors.plan",
    VisitPayload,
    description=(
        "Pre-register a visitor expected by a host employee: any employee for themselves"
        " (visitors.plan), the desk for any host (visitors.manage)."
    ),
)
async def visit_plan(info: strawberry.Info, input: VisitPlanInput) -> models.Visit:
    return await services.plan(
        info.context.actor,
        api.decode_id(input.site_id, "Site", "siteId"),
        api.decode_optional(input.host_id, "Party", "hostId"),
        input.visitor_name,
        input.expected_at,
        company=input.company,
        purpose=input.purpose,
        visitor_id=api.decode_optional(input.visitor_id, "Party", "visitorId"),
    )
