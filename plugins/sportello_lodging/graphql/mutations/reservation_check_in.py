from __future__ import annotations

import datetime as dt

import strawberry

from sportello.graphql.errors import errors_of
from sportello.graphql.ids import decode_id, decode_optional
from sportello.identity.permissions import requires
from sportello.services import ServiceError
from sportello_lodging import services
from sportello_lodging.graphql.mutations._common import ReservationPayload
from sportello_lodging.graphql.types import LodgingError


@strawberry.input(description="One guest in the room, for the guest registry (IT, ES, GR).")
class RegisteredGuestInput:
    full_name: str
    document_type: str = strawberry.field(
        description="passport, id_card, driving_licence, residence_permit"
    )
    document_number: str
    issuing_country: str = strawberry.field(description="ISO 3166 alpha-2")
    nationality: str = strawberry.field(description="ISO 3166 alpha-2")
    birth_date: dt.date
    party_id: strawberry.ID | None = None


def registry_entries(guests: list[RegisteredGuestInput]) -> list[services.RegistryEntry]:
    return [
        services.RegistryEntry(
            g.full_name,
            g.document_type,
            g.document_number,
            g.issuing_country,
            g.nationality,
            g.birth_date,
            decode_optional(g.party_id, "Party", f"guests.{i}.partyId"),
        )
        for i, g in enumerate(guests)
    ]


@strawberry.input
class ReservationCheckInInput:
    id: strawberry.ID
    guests: list[RegisteredGuestInput] = strawberry.field(
        default_factory=list,
        description=(
            "Every guest in the room (adults plus children), required unless the setting "
            "require_guest_registry is off"
        ),
    )


@strawberry.type
class ReservationCheckInMutation:
    @strawberry.mutation(
        permission_classes=[requires("lodging.reservations")],
        description="The guest arrives: registry recorded, room occupied, nights posted.",
    )
    async def reservation_check_in(
        self, info: strawberry.Info, input: ReservationCheckInInput
    ) -> ReservationPayload:
        try:
            entries = registry_entries(input.guests)
            res = await services.check_in(
                info.context.actor, decode_id(input.id, "Reservation", "id"), entries
            )
        except ServiceError as exc:
            return ReservationPayload(errors=errors_of(exc, info, LodgingError))
        return ReservationPayload(reservation=res)  # type: ignore[arg-type]
