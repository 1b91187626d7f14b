from __future__ import annotations

import strawberry

from sportello.graphql import typed
from sportello.graphql.errors import errors_of
from sportello.graphql.ids import decode_id
from sportello.identity.permissions import requires
from sportello.parties import services
from sportello.parties.graphql.types import Consent, Party, PartyError
from sportello.services import ServiceError


@strawberry.input(
    description="Record a consent given or withdrawn; earlier ones stay in the history."
)
class PartyConsentSetInput:
    party_id: strawberry.ID
    purpose: str = strawberry.field(description="e.g. marketing, newsletter, profiling")
    granted: bool
    source: str = strawberry.field(
        default="", description="How it was collected: front desk, web form, signed paper..."
    )


@strawberry.type
class PartyConsentSetPayload:
    party: Party | None = None
    consent: Consent | None = None
    errors: list[PartyError] = strawberry.field(default_factory=list)


@strawberry.type
class PartyConsentSetMutation:
    @typed.mutation(permission_classes=[requires("parties.manage")])
    async def party_consent_set(
        self, info: strawberry.Info, input: PartyConsentSetInput
    ) -> PartyConsentSetPayload:
        try:
            party_id = decode_id(input.party_id, "Party", "partyId")
            party, consent = await services.set_consent(
                info.context.actor, party_id, input.purpose, input.granted, input.source
            )
        except ServiceError as exc:
            return PartyConsentSetPayload(errors=errors_of(exc, info, PartyError))
        return PartyConsentSetPayload(
            party=party,  # type: ignore[arg-type]  # a row for its node
            consent=Consent(
                purpose=consent.purpose,
                granted=consent.granted,
                at=consent.at,
                source=consent.source,
            ),
        )
