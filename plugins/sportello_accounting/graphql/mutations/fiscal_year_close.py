from __future__ import annotations

import strawberry

from sportello import api
from sportello_accounting.graphql.types import AccountingError, FiscalYear, JournalEntry
from sportello_accounting.services import year_end

FiscalYearClosePayload = api.payload(
    FiscalYear, errors=AccountingError, name="FiscalYearClosePayload", entry=JournalEntry
)


@api.mutation(
    "accounting.close",
    FiscalYearClosePayload,
    description=(
        "Year-end closing: income and expense moved to the result of the year by a closing"
        " entry on its last day (`entry`), then every period of the year closed."
    ),
)
async def fiscal_year_close(info: strawberry.Info, id: strawberry.ID) -> dict[str, object]:
    year, entry = await year_end.close_year(
        info.context.actor, api.decode_id(id, "FiscalYear", "id")
    )
    return {"fiscal_year": year, "entry": entry}
