from __future__ import annotations

import strawberry

from sportello.graphql import typed
from sportello.graphql.errors import errors_of
from sportello.identity.permissions import requires
from sportello.parties import services
from sportello.parties.graphql.inputs import (
    AddressInput,
    ConsentInput,
    ContactPointInput,
    input_values,
)
from sportello.parties.graphql.types import Party, PartyError, PartyKind
from sportello.services import ServiceError


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


@strawberry.type
class PartyCreatePayload:
    party: Party | None = None
    errors: list[PartyError] = strawberry.field(default_factory=list)


@strawberry.type
class PartyCreateMutation:
    @typed.mutation(permission_classes=[requires("parties.manage")])
    async def party_create(
        self, info: strawberry.Info, input: PartyCreateInput
    ) -> PartyCreatePayload:
        try:
            party = await services.create_party(info.context.actor, **input_values(input))
        except ServiceError as exc:
            return PartyCreatePayload(errors=errors_of(exc, info, PartyError))
        return PartyCreatePayload(party=party)  # type: ignore[arg-type]  # a row for its node
