from __future__ import annotations

import strawberry

from sportello import api
from sportello_lodging import models, services
from sportello_lodging.graphql.types import DepositHandling, ReservationPayload


@api.mutation("lodging.reservations", ReservationPayload)
async def reservation_no_show(
    info: strawberry.Info,
    id: strawberry.ID,
    deposit: DepositHandling | None = None,
    carry_to_id: strawberry.ID | None = None,
) -> models.Reservation:
    """The guest did not come: release the room. Money the guest paid is refunded, kept as the
    no-show fee or carried to another reservation (`deposit`; DEPOSIT_HELD without it)."""
    return await services.no_show(
        info.context.actor,
        api.decode_id(id, "Reservation", "id"),
        services.DepositHandling(deposit.value) if deposit else None,
        api.decode_optional(carry_to_id, "Reservation", "carryToId"),
    )
