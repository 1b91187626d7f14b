from __future__ import annotations

import strawberry
from strawberry.scalars import JSON

from sportello.graphql.ids import decode_id
from sportello.graphql.mutations import mutation
from sportello.identity.graphql.types import ErasureReportType, IdentityError
from sportello.privacy import erase_party


# Written out: `reports` is a non-null list, and payload() gives nullable fields only.
@strawberry.type
class PartyErasePayload:
    reports: list[ErasureReportType] = strawberry.field(default_factory=list)
    errors: list[IdentityError] = strawberry.field(default_factory=list)


@mutation(
    "privacy.erase",
    PartyErasePayload,
    description=(
        "Anonymise a party in every enabled office (GDPR erasure); audited. Needs access to "
        "every site: a site-bound caller gets FORBIDDEN."
    ),
)
async def party_erase(info: strawberry.Info, id: strawberry.ID) -> list[ErasureReportType]:
    party_id = decode_id(id, "Party", "id")
    reports = await erase_party(info.context.runtime, info.context.actor, party_id)
    return [
        ErasureReportType(plugin=r.plugin, erased=list(r.erased), retained=JSON(r.retained))
        for r in reports
    ]
