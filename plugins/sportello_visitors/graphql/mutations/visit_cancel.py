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
class VisitCancelInput:
    id: strawberry.ID


@strawberry.type
class VisitCancelMutation:
    @strawberry.mutation(
        permission_classes=[requires("visitors.plan")],
        description="A planned visit will not happen: the host's own, or any by the desk.",
    )
    async def visit_cancel(self, info: strawberry.Info, input: VisitCancelInput) -> VisitPayload:
        try:
            visit = await services.cancel(info.context.actor, decode_id(input.id, "Visit", "id"))
        except ServiceError as exc:
            return VisitPayload(errors=errors_of(exc, info, VisitorsError))
        return VisitPayload(visit=visit)  # type: ignore[arg-type]
