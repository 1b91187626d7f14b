"""Accounting: chart of accounts, journals, fiscal years and periods, a ledger that cannot be
unbalanced, reports computed in SQL, exports (CSV, beancount)."""

from __future__ import annotations

from typing import Any

from sportello import api
from sportello_accounting import demo, services
from sportello_accounting.graphql import (
    bank,
    mapping,
    mutations,
    payables,
    queries,
    receivables,
    report_export,
    reports,
    types,
    vat_return,
)
from sportello_accounting.messages import MESSAGES
from sportello_accounting.services import lodging_postings, posting, sales_postings
from sportello_accounting.services.party_merge import party_merge
from sportello_accounting.settings import AccountingSettings

VIEW, POST, CLOSE, MANAGE = (
    "accounting.view",
    "accounting.post",
    "accounting.close",
    "accounting.manage",
)


def _startup(runtime: api.RuntimeView) -> None:
    services.configure(runtime.plugin_settings("accounting"))


office = api.Office(
    name="accounting",
    title="Accounting",
    version="0.1.0",
    description=(
        "Chart of accounts, journals, fiscal years, balanced immutable entries, trial balance,"
        " ledger, profit and loss, balance sheet, VAT, beancount export."
    ),
    settings=AccountingSettings,
    types=[
        types.Account,
        types.Journal,
        types.FiscalYear,
        types.Period,
        types.JournalEntry,
        types.EntryLine,
        payables.SupplierBill,
        bank.BankStatement,
        bank.BankLine,
        mapping.AccountMapping,
    ],
    queries=[
        queries.AccountingQueries,
        reports.ReportQueries,
        payables.PayablesQueries,
        receivables.ReceivablesQueries,
        bank.BankQueries,
        mapping.MappingQueries,
        vat_return.VatReturnQueries,
        report_export.ReportExportQueries,
    ],
    mutations=[
        *mutations.ALL,
        payables.supplier_bill_create,
        payables.supplier_bill_pay,
        bank.bank_statement_import,
        bank.bank_line_reconcile,
        bank.bank_line_reconcile_receivable,
        mapping.account_mapping_set,
        mapping.account_mapping_delete,
    ],
    permissions={
        VIEW: "See the chart of accounts, entries and reports",
        POST: "Post journal entries and reversals",
        CLOSE: "Close accounting periods",
        MANAGE: "Manage the chart of accounts, journals and fiscal years",
    },
    roles={
        "back_office": [VIEW, POST],
        "manager": [VIEW, POST, CLOSE, MANAGE],
        "auditor": [VIEW],
    },
    translations=MESSAGES,
    event_types=[
        api.EventType(
            posting.ENTRY_POSTED,
            description="An entry was posted to the ledger (a reversal names the entry it reverses).",
            payload=posting.EntryPosted,
            permission=VIEW,
        ),
    ],
    startup=_startup,
    demo=demo.load,
    party_merge=party_merge,
)


#: The plugin manager that registered accounting: the offices enabled with it.
_pm: Any = None


@api.hookimpl
def sportello_addhooks(pm: Any) -> None:
    global _pm
    _pm = pm


def _enabled(office: str) -> bool:
    return _pm is not None and _pm.get_plugin(office) is not None


# Postings from the sales office's events, registered only when sales is on; from the hotel's
# folio events only when lodging is on and sales is off (sales then invoices the folios).
@api.hookimpl
def sportello_event_handlers() -> list[api.EventHandler]:
    return [*sales_postings.handlers(_enabled), *lodging_postings.handlers(_enabled)]
