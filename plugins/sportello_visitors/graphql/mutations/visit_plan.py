from __future__ import annotations

import datetime as dt

import strawberry

from sportello.graphql.errors import errors_of
from sportello.graphql.ids import decode_id, decode_optional
from sportello.identity.permissions import requires
from sportello.services import ServiceError
from sportello_visitors import services
from sportello_visitors.graphql.mutations._common import VisitPayload
from sportello_visitors.graphql.types import VisitorsError


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


@strawberry.type
class VisitPlanMutation:
    @strawberry.mutation(
        permission_classes=[requires("visitors.plan")],
        description=(
            "Pre-register a visitor expected by a host employee: any employee for themselves"
            " (visitors.plan), the desk for any host (visitors.manage)."
        ),
    )
    async def visit_plan(self, info: strawberry.Info, input: VisitPlanInput) -> VisitPayload:
        try:
            visit = await services.plan(
                info.context.actor,
                decode_id(input.site_id, "Site", "siteId"),
                decode_optional(input.host_id, "Party", "hostId"),
                input.visitor_name,
                input.expected_at,
                company=input.company,
                purpose=input.purpose,
                visitor_id=decode_optional(input.visitor_id, "Party", "visitorId"),
            )
        except ServiceError as exc:
            return VisitPayload(errors=errors_of(exc, info, VisitorsError))
        return VisitPayload(visit=visit)  # type: ignore[arg-type]
