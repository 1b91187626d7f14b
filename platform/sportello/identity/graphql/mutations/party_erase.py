from __future__ import annotations

import strawberry
from strawberry.scalars import JSON

from sportello.graphql import typed
from sportello.graphql.errors import errors_of
from sportello.graphql.ids import decode_id
from sportello.identity.graphql.types import ErasureReportType, IdentityError
from sportello.identity.permissions import requires
from sportello.privacy import erase_party
from sportello.services import ServiceError


@strawberry.input
class PartyEraseInput:
    id: strawberry.ID


@strawberry.type
class PartyErasePayload:
    reports: list[ErasureReportType] = strawberry.field(default_factory=list)
    errors: list[IdentityError] = strawberry.field(default_factory=list)


@strawberry.type
class PartyEraseMutation:
    @typed.mutation(
        permission_classes=[requires("privacy.erase")],
        description=(
            "Anonymise a party in every enabled office (GDPR erasure); audited. Needs access to "
            "every site: a site-bound caller gets FORBIDDEN."
        ),
    )
    async def party_erase(self, info: strawberry.Info, input: PartyEraseInput) -> PartyErasePayload:
        try:
            party_id = decode_id(input.id, "Party", "id")
            reports = await erase_party(info.context.runtime, info.context.actor, party_id)
        except ServiceError as exc:
            return PartyErasePayload(errors=errors_of(exc, info, IdentityError))
        return PartyErasePayload(
            reports=[
                ErasureReportType(plugin=r.plugin, erased=list(r.erased), retained=JSON(r.retained))
                for r in reports
            ]
        )
