from __future__ import annotations

import strawberry

from sportello import api
from sportello_lodging import group_models
from sportello_lodging.graphql.groups import ReservationGroupPayload
from sportello_lodging.graphql.mutations.reservation_group_create import (
    ReservationGroupRoomInput,
    rows,
)
from sportello_lodging.services import groups


@strawberry.input
class ReservationGroupRoomsAddInput:
    group_id: strawberry.ID
    rooms: list[ReservationGroupRoomInput]
    channel: str = "direct"


@api.mutation(
    "lodging.reservations",
    ReservationGroupPayload,
    description="Book more rooms for a group, all or nothing (billed as the group is).",
)
async def reservation_group_rooms_add(
    info: strawberry.Info, input: ReservationGroupRoomsAddInput
) -> group_models.ReservationGroup:
    return await groups.add_rooms(
        info.context.actor,
        api.decode_id(input.group_id, "ReservationGroup", "groupId"),
        rows(input.rooms),
        input.channel,
    )
