from __future__ import annotations

from typing import Any

import strawberry

from sportello.graphql.ids import decode_id
from sportello.graphql.mutations import mutation, payload
from sportello.parties import services
from sportello.parties.graphql.types import Consent, Party, PartyError


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


PartyConsentSetPayload = payload(Party, Consent, errors=PartyError, name="PartyConsentSetPayload")


@mutation("parties.manage", PartyConsentSetPayload)
async def party_consent_set(info: strawberry.Info, input: PartyConsentSetInput) -> dict[str, Any]:
    party_id = decode_id(input.party_id, "Party", "partyId")
    party, consent = await services.set_consent(
        info.context.actor, party_id, input.purpose, input.granted, input.source
    )
    return {
        "party": party,
        "consent": Consent(
            purpose=consent.purpose, granted=consent.granted, at=consent.at, source=consent.source
        ),
    }
