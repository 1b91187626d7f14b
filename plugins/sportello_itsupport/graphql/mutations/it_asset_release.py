from __future__ import annotations

from typing import Any

import strawberry

from sportello import api
from sportello_itsupport import services
from sportello_itsupport.graphql.mutations._common import ItAssetAssignmentPayload


@api.mutation("itsupport.work", ItAssetAssignmentPayload)
async def it_asset_release(info: strawberry.Info, assignment_id: strawberry.ID) -> dict[str, Any]:
    """End an assignment: the asset came back (a licence's seat is free again)."""
    assignment = await services.release_assignment(
        info.context.actor, api.decode_id(assignment_id, "ItAssetAssignment", "assignmentId")
    )
    return {
        "it_asset_assignment": assignment,
        "it_asset": await services.asset_row(assignment.asset_id),
    }
