from __future__ import annotations

from typing import Any

import strawberry

from sportello import api
from sportello_lodging import services
from sportello_lodging.graphql.types import FolioLinePayload


@strawberry.input
class FolioLineVoidInput:
    id: strawberry.ID = strawberry.field(description="The charge line to void")
    reason: str


@api.mutation(
    "lodging.folio.correct",
    FolioLinePayload,
    description=(
        "Void a charge: a reversing line takes it off the folio and the original is marked "
        "voided (nothing is deleted). Works on a closed folio too: sales issues a credit note."
    ),
)
async def folio_line_void(info: strawberry.Info, input: FolioLineVoidInput) -> dict[str, Any]:
    line = await services.void_line(
        info.context.actor, api.decode_id(input.id, "FolioLine", "id"), input.reason
    )
    return {"line": line, "reservation": await services.related(line, "reservation")}
