from __future__ import annotations

import strawberry

from sportello.graphql.ids import decode_id
from sportello.graphql.mutations import mutation, payload
from sportello.parties import models, services
from sportello.parties.graphql.inputs import (
    AddressInput,
    ConsentInput,
    ContactPointInput,
    input_values,
)
from sportello.parties.graphql.types import Party, PartyError, PartyKind


@strawberry.input
class PartyCreateInput:
    display_name: str | None = strawberry.field(
        default=None,
        description="Default: given and family name (people) or the legal name (organisations).",
    )
    kind: PartyKind = PartyKind.PERSON
    given_name: str | None = None
    family_name: str | None = None
    legal_name: str | None = strawberry.field(
        default=None, description="Organisations only: the registered name."
    )
    email: str | None = strawberry.field(
        default=None, description="The primary email (or give `emails`, not both)."
    )
    phone: str | None = strawberry.field(
        default=None, description="The primary phone (or give `phones`, not both)."
    )
    emails: list[ContactPointInput] | None = None
    phones: list[ContactPointInput] | None = None
    tax_code: str | None = None
    preferred_language: str | None = None
    addresses: list[AddressInput] | None = None
    consents: list[ConsentInput] | None = strawberry.field(
        default=None, description="Consents collected at registration."
    )
    site_ids: list[strawberry.ID] | None = strawberry.field(
        default=None,
        description=(
            "The sites where the party is known (each one the caller's). Default: every site"
            " of a caller bound to sites; none for a caller with every site (then only callers"
            " with every site see the party until a record at a site names it)."
        ),
    )


PartyCreatePayload = payload(Party, errors=PartyError, name="PartyCreatePayload")


@mutation("parties.manage", PartyCreatePayload)
async def party_create(info: strawberry.Info, input: PartyCreateInput) -> models.Party:
    values = input_values(input)
    if input.site_ids is not None:
        values["site_ids"] = [decode_id(s, "Site", "siteIds") for s in input.site_ids]
    return await services.create_party(info.context.actor, **values)
