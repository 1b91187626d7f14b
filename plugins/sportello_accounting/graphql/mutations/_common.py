from __future__ import annotations

from sportello import api
from sportello_accounting.graphql.types import (
    Account,
    AccountingError,
    FiscalYear,
    Journal,
    JournalEntry,
    OpenItem,
    Period,
)

EntryPayload = api.payload(errors=AccountingError, name="JournalEntryPayload", entry=JournalEntry)
AccountPayload = api.payload(Account, errors=AccountingError)
JournalPayload = api.payload(Journal, errors=AccountingError)
FiscalYearPayload = api.payload(FiscalYear, errors=AccountingError)
PeriodPayload = api.payload(Period, errors=AccountingError)
OpenItemPayload = api.payload(OpenItem, errors=AccountingError)
