from __future__ import annotations

import strawberry

from sportello.graphql import typed
from sportello.graphql.errors import errors_of
from sportello.graphql.ids import decode_id
from sportello.identity.permissions import requires
from sportello.parties import services
from sportello.parties.graphql.inputs import AddressInput, ContactPointInput, input_values
from sportello.parties.graphql.types import Party, PartyError
from sportello.services import ServiceError


@strawberry.input(
    description="Fields left out (or null) stay as they are; a list replaces the whole list."
)
class PartyUpdateInput:
    id: strawberry.ID
    display_name: str | None = None
    given_name: str | None = None
    family_name: str | None = None
    legal_name: str | None = None
    email: str | None = strawberry.field(
        default=None, description='Replaces the primary email ("" removes it).'
    )
    phone: str | None = strawberry.field(
        default=None, description='Replaces the primary phone ("" removes it).'
    )
    emails: list[ContactPointInput] | None = None
    phones: list[ContactPointInput] | None = None
    tax_code: str | None = None
    preferred_language: str | None = None
    addresses: list[AddressInput] | None = None


@strawberry.type
class PartyUpdatePayload:
    party: Party | None = None
    errors: list[PartyError] = strawberry.field(default_factory=list)


@strawberry.type
class PartyUpdateMutation:
    @typed.mutation(permission_classes=[requires("parties.manage")])
    async def party_update(
        self, info: strawberry.Info, input: PartyUpdateInput
    ) -> PartyUpdatePayload:
        try:
            party_id = decode_id(input.id, "Party", "id")
            party = await services.update_party(info.context.actor, party_id, **input_values(input))
        except ServiceError as exc:
            return PartyUpdatePayload(errors=errors_of(exc, info, PartyError))
        return PartyUpdatePayload(party=party)  # type: ignore[arg-type]  # a row for its node
