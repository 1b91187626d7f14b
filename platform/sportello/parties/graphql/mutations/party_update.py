from __future__ import annotations

import strawberry

from sportello.graphql.ids import decode_id
from sportello.graphql.mutations import mutation, payload
from sportello.parties import models, services
from sportello.parties.graphql.inputs import AddressInput, ContactPointInput, input_values
from sportello.parties.graphql.types import Party, PartyError


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


PartyUpdatePayload = payload(Party, errors=PartyError, name="PartyUpdatePayload")


@mutation("parties.manage", PartyUpdatePayload)
async def party_update(info: strawberry.Info, input: PartyUpdateInput) -> models.Party:
    party_id = decode_id(input.id, "Party", "id")
    return await services.update_party(info.context.actor, party_id, **input_values(input))
