from __future__ import annotations

import strawberry

from sportello import api
from sportello_lodging import group_models
from sportello_lodging.graphql.groups import ReservationGroupPayload
from sportello_lodging.services import groups


@strawberry.input
class ReservationGroupCancelInput:
    group_id: strawberry.ID
    reason: str = ""


@api.mutation(
    "lodging.reservations",
    ReservationGroupPayload,
    description=(
        "Cancel a group: every room not yet arrived is cancelled as reservationCancel does "
        "(its policy fee included; a room holding a deposit refuses it: settle it first)."
    ),
)
async def reservation_group_cancel(
    info: strawberry.Info, input: ReservationGroupCancelInput
) -> group_models.ReservationGroup:
    return await groups.cancel_group(
        info.context.actor,
        api.decode_id(input.group_id, "ReservationGroup", "groupId"),
        input.reason,
    )
