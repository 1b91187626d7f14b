from __future__ import annotations

import datetime as dt

import strawberry

from sportello import api
from sportello_accounting.graphql.mutations._common import EntryPayload
from sportello_accounting.services import reversal


@api.mutation(
    "accounting.post",
    EntryPayload,
    description="Correct an entry by posting its reversal (default: on the entry's own date).",
)
async def journal_entry_reverse(
    info: strawberry.Info, id: strawberry.ID, date: dt.date | None = None
) -> dict[str, object]:
    entry = await reversal.reverse(
        info.context.actor, api.decode_id(id, "JournalEntry", "id"), date
    )
    return {"entry": entry}
