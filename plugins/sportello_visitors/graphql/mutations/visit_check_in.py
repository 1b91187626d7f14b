from __future__ import annotations

import strawberry

from sportello.graphql.errors import errors_of
from sportello.graphql.ids import decode_id
from sportello.identity.permissions import requires
from sportello.services import ServiceError
from sportello_visitors import services
from sportello_visitors.graphql.mutations._common import VisitPayload
from sportello_visitors.graphql.types import VisitorsError


@strawberry.input
class VisitCheckInInput:
    id: strawberry.ID
    badge_number: str


@strawberry.type
class VisitCheckInMutation:
    @strawberry.mutation(
        permission_classes=[requires("visitors.manage")],
        description="The visitor arrived: badge handed out, host notified (visitors.visitor.arrived).",
    )
    async def visit_check_in(self, info: strawberry.Info, input: VisitCheckInInput) -> VisitPayload:
        try:
            visit = await services.check_in(
                info.context.actor, decode_id(input.id, "Visit", "id"), input.badge_number
            )
        except ServiceError as exc:
            return VisitPayload(errors=errors_of(exc, info, VisitorsError))
        return VisitPayload(visit=visit)  # type: ignore[arg-type]
