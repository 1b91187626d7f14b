from __future__ import annotations

import datetime as dt
from typing import Any

import strawberry

from sportello import api
from sportello_lodging import services
from sportello_lodging.graphql.registry import GuestRole, Sex
from sportello_lodging.graphql.types import LodgingError, Reservation
from sportello_lodging.services.housekeeping import warnings_of


@strawberry.input(
    description=(
        "One guest in the room, for the guest registry (IT, ES, GR). A single guest, a head of "
        "family and a group leader carry an identity document; family and group members (a "
        "child, say) may be registered without one, under the room's head. Sex and place of "
        "birth are what the Italian police file (Alloggiati Web) needs besides."
    )
)
class RegisteredGuestInput:
    full_name: str
    document_type: str = strawberry.field(
        default="",
        description=(
            "passport, id_card, driving_licence, residence_permit (members without a "
            "document: empty)"
        ),
    )
    document_number: str = ""
    issuing_country: str = strawberry.field(default="", description="ISO 3166 alpha-2")
    nationality: str = strawberry.field(description="ISO 3166 alpha-2")
    birth_date: dt.date
    party_id: strawberry.ID | None = None
    role: GuestRole = strawberry.field(
        default=GuestRole.SINGLE,
        description="Alloggiati Web tipo alloggiato: 16, 17, 18, 19 or 20",
    )
    surname: str = strawberry.field(
        default="",
        description="The surname as on the document, part of fullName (empty: its last word)",
    )
    sex: Sex | None = None
    birth_country: str = strawberry.field(default="", description="ISO 3166 alpha-2")
    birth_place: str = strawberry.field(
        default="",
        description=(
            "Born in Italy: the comune's 9-digit code in the Polizia di Stato table "
            "(e.g. 412058091 Roma)"
        ),
    )
    birth_province: str = strawberry.field(
        default="", description="Born in Italy: the province's two-letter code (e.g. RM)"
    )
    issuing_place: str = strawberry.field(
        default="",
        description="A document issued in Italy: the issuing comune's 9-digit code",
    )


def registry_entries(guests: list[RegisteredGuestInput]) -> list[services.RegistryEntry]:
    return [
        services.RegistryEntry(
            g.full_name,
            g.document_type,
            g.document_number,
            g.issuing_country,
            g.nationality,
            g.birth_date,
            api.decode_optional(g.party_id, "Party", f"guests.{i}.partyId"),
            sex=g.sex.value if g.sex else "",
            birth_country=g.birth_country,
            birth_place=g.birth_place,
            birth_province=g.birth_province,
            issuing_place=g.issuing_place,
            role=g.role.value,
            surname=g.surname,
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


ReservationCheckInPayload = api.payload(
    Reservation,
    errors=LodgingError,
    name="ReservationCheckInPayload",
    warnings=list[LodgingError],  # type: ignore[valid-type]  # a runtime-built type
    descriptions={"warnings": "Done, but the desk should know (a room not cleaned yet)"},
)


@api.mutation("lodging.reservations", ReservationCheckInPayload)
async def reservation_check_in(info: strawberry.Info, input: ReservationCheckInInput) -> Any:
    """The guest arrives: registry recorded, room occupied (a dirty room is refused, or
    warned about per the dirty_room_check_in setting); the night audit posts the nights."""
    entries = registry_entries(input.guests)
    reservation_id = api.decode_id(input.id, "Reservation", "id")
    res = await services.check_in(info.context.actor, reservation_id, entries)
    problems = warnings_of(res)
    warned: list[Any] = api.errors_of(api.ServiceError("", problems=problems), info, LodgingError)
    return {"reservation": res, "warnings": warned if problems else []}
