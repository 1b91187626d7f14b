from __future__ import annotations

import enum
from typing import TYPE_CHECKING

import strawberry

from sportello.graphql.errors import UserError, error_codes, error_type
from sportello.graphql.ids import decode_id
from sportello.graphql.mutations import mutation, payload
from sportello.merge import merge_parties
from sportello.parties import models
from sportello.parties.graphql.types import Party

PartyMergeErrorCode = error_codes(
    "PartyMergeErrorCode",
    "SAME_PARTY",
    "ALREADY_MERGED",
    "MERGE_CONFLICT",
    description="MERGE_CONFLICT: an office refused a move (the message names the records).",
)
if TYPE_CHECKING:  # what error_type() builds at run time, declared for mypy

    @strawberry.type
    class PartyMergeError(UserError):
        code: enum.Enum

else:
    PartyMergeError = error_type("PartyMergeError", PartyMergeErrorCode)


@strawberry.input(description="Merge the duplicate `sourceId` into `targetId`, which stays.")
class PartyMergeInput:
    source_id: strawberry.ID
    target_id: strawberry.ID


PartyMergePayload = payload(Party, errors=PartyMergeError, name="PartyMergePayload")


@mutation(
    "parties.merge",
    PartyMergePayload,
    description=(
        "Merge a duplicate party into the one that stays: every enabled office moves its "
        "records to the survivor in one transaction, audited; the merged party is kept as a "
        "tombstone (`mergedIntoId`). Needs access to every site: a site-bound caller gets "
        "FORBIDDEN."
    ),
)
async def party_merge(info: strawberry.Info, input: PartyMergeInput) -> models.Party:
    source_id = decode_id(input.source_id, "Party", "sourceId")
    target_id = decode_id(input.target_id, "Party", "targetId")
    survivor, _ = await merge_parties(
        info.context.runtime, info.context.actor, source_id, target_id
    )
    return survivor
