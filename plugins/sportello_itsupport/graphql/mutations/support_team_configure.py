from __future__ import annotations

import strawberry

from sportello import api
from sportello_itsupport import models, services
from sportello_itsupport.graphql.mutations._common import SupportTeamQueuePayload
from sportello_itsupport.graphql.types import SupportAssignment


@api.mutation("itsupport.manage", SupportTeamQueuePayload)
async def support_team_configure(
    info: strawberry.Info, team_id: strawberry.ID, assignment: SupportAssignment
) -> models.TeamQueue:
    """How a team hands out its tickets: MANUAL, ROUND_ROBIN or LEAST_LOADED."""
    return await services.configure_team(
        info.context.actor, api.decode_id(team_id, "Department", "teamId"), assignment.value
    )
