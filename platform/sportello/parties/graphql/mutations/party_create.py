from __future__ import annotations

import strawberry
from strawberry.scalars import JSON

from sportello.graphql.errors import errors_of
from sportello.identity.permissions import requires
from sportello.parties import services
from sportello.parties.graphql.types import Party, PartyError, PartyKind
from sportello.services import ServiceError


@strawberry.input
class PartyCreateInput:
    display_name: str | None = None
    kind: PartyKind = PartyKind.PERSON
    given_name: str | None = None
    family_name: str | None = None
    email: str | None = None
    phone: str | None = None
    tax_code: str | None = None
    preferred_language: str | None = None
    addresses: JSON | None = None
    consents: JSON | None = None


@strawberry.type
class PartyCreatePayload:
    party: Party | None = None
    errors: list[PartyError] = strawberry.field(default_factory=list)


def party_values(data: object) -> dict[str, object]:
    values = {k: v for k, v in vars(data).items() if v is not None and k != "id"}
    if isinstance(values.get("kind"), PartyKind):
        values["kind"] = values["kind"].value  # type: ignore[union-attr]
    return values


@strawberry.type
class PartyCreateMutation:
    @strawberry.mutation(permission_classes=[requires("parties.manage")])
    async def party_create(
        self, info: strawberry.Info, input: PartyCreateInput
    ) -> PartyCreatePayload:
        try:
            party = await services.create_party(info.context.actor, **party_values(input))
        except ServiceError as exc:
            return PartyCreatePayload(errors=errors_of(exc, info, PartyError))
        return PartyCreatePayload(party=party)  # type: ignore[arg-type]
