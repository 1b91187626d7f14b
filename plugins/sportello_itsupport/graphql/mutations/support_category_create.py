from __future__ import annotations

import strawberry

from sportello import api
from sportello_itsupport import models, services
from sportello_itsupport.graphql.mutations._common import SupportCategoryPayload
from sportello_itsupport.graphql.types import SupportTicketKind


@api.mutation("itsupport.manage", SupportCategoryPayload)
async def support_category_create(
    info: strawberry.Info,
    name: str,
    kind: SupportTicketKind | None = None,
    team_id: strawberry.ID | None = None,
) -> models.Category:
    """A category of requests and the team that takes it."""
    return await services.create_category(
        info.context.actor,
        name,
        kind.value if kind else None,
        api.decode_optional(team_id, "Department", "teamId"),
    )
