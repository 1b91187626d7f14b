from __future__ import annotations

import strawberry

from sportello import api
from sportello_lodging import models, services
from sportello_lodging.graphql.types import DepositHandling, ReservationPayload


@api.mutation("lodging.reservations", ReservationPayload)
async def reservation_cancel(
    info: strawberry.Info,
    id: strawberry.ID,
    reason: str = "",
    deposit: DepositHandling | None = None,
    carry_to_id: strawberry.ID | None = None,
) -> models.Reservation:
    """Cancel a draft or confirmed reservation. Money the guest paid is refunded, kept as the
    cancellation fee or carried to another reservation (`deposit`; DEPOSIT_HELD without it)."""
    return await services.cancel(
        info.context.actor,
        api.decode_id(id, "Reservation", "id"),
        reason,
        services.DepositHandling(deposit.value) if deposit else None,
        api.decode_optional(carry_to_id, "Reservation", "carryToId"),
    )
