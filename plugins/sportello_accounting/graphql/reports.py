"""Report types and their root fields: every figure is computed by the database."""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal
from typing import Annotated

import strawberry

from sportello import api
from sportello_accounting.graphql.organisation import OrganisationArg, organisation
from sportello_accounting.graphql.types import VIEW, AccountType
from sportello_accounting.services import exports, reports
from sportello_accounting.services._common import from_cents, settings

From = Annotated[dt.date, strawberry.argument(name="from")]
MAX_LEDGER_PAGE = 500


@strawberry.type
class TrialBalanceRow:
    account_id: strawberry.ID
    code: str
    name: str
    type: AccountType
    opening: Decimal
    debit: Decimal
    credit: Decimal
    closing: Decimal


@strawberry.type(description="Every account with a line up to `to`, in the company currency.")
class TrialBalance:
    start: dt.date
    end: dt.date
    currency: str
    rows: list[TrialBalanceRow]
    total_debit: Decimal
    total_credit: Decimal
    total_closing: Decimal = strawberry.field(description="Zero for a balanced ledger")


@strawberry.type
class LedgerLine:
    entry_id: strawberry.ID
    date: dt.date
    journal: str
    number: int
    reference: str
    label: str
    debit: Decimal
    credit: Decimal
    balance: Decimal = strawberry.field(description="Running balance after this line")
    currency: str
    amount: Decimal


@strawberry.type(description="One account's lines with the running balance, a page at a time.")
class GeneralLedger:
    account_id: strawberry.ID
    code: str
    name: str
    opening: Decimal
    debit: Decimal
    credit: Decimal
    closing: Decimal
    total_count: int
    lines: list[LedgerLine]


@strawberry.type
class ReportRow:
    account_id: strawberry.ID
    code: str
    name: str
    amount: Decimal
    previous: Decimal = strawberry.field(description="The same figure for the comparison period")


@strawberry.type
class ReportSection:
    rows: list[ReportRow]
    total: Decimal
    previous_total: Decimal


@strawberry.type(description="Income and expense, with the previous period of the same length.")
class ProfitAndLoss:
    start: dt.date
    end: dt.date
    previous_start: dt.date
    previous_end: dt.date
    income: ReportSection
    expense: ReportSection
    net: Decimal
    previous_net: Decimal


@strawberry.type(description="Assets, liabilities and equity at a date (and a year before).")
class BalanceSheet:
    at: dt.date
    previous_at: dt.date
    assets: ReportSection
    liabilities: ReportSection
    equity: ReportSection
    result: Decimal = strawberry.field(description="Income less expense not yet closed")
    previous_result: Decimal
    total_assets: Decimal
    total_liabilities_and_equity: Decimal


@strawberry.enum
class VatBook(enum.Enum):
    SALES = "sales"
    PURCHASES = "purchases"


@strawberry.type
class VatRegisterRow:
    rate: Decimal
    base: Decimal
    tax: Decimal
    documents: int


@strawberry.type(
    description=(
        "The periodic VAT settlement figures (Italy: liquidazione IVA, Spain: modelo 303,"
        " Greece: the periodic VAT return): output VAT, deductible input VAT, the balance."
    )
)
class VatSettlement:
    start: dt.date
    end: dt.date
    sales: list[VatRegisterRow]
    purchases: list[VatRegisterRow]
    output_vat: Decimal
    input_vat: Decimal
    payable: Decimal = strawberry.field(description="Output less input: negative is a credit")


@strawberry.enum
class ExportFormat(enum.Enum):
    TRIAL_BALANCE_CSV = "trial_balance_csv"
    GENERAL_LEDGER_CSV = "general_ledger_csv"
    BEANCOUNT = "beancount"


def _id(type_name: str, pk: int) -> strawberry.ID:
    return strawberry.ID(api.encode_id(type_name, pk))


def _section(section: reports.Section) -> ReportSection:
    return ReportSection(
        rows=[
            ReportRow(
                account_id=_id("Account", r[0]),
                code=r[1],
                name=r[2],
                amount=from_cents(r[3]),
                previous=from_cents(r[4]),
            )
            for r in section.rows
        ],
        total=from_cents(section.total),
        previous_total=from_cents(section.previous_total),
    )


def _vat_rows(rows: list[tuple[str, int, int, int]]) -> list[VatRegisterRow]:
    return [
        VatRegisterRow(
            rate=Decimal(r[0]) if r[0] not in ("None", "") else Decimal(0),
            base=from_cents(r[1]),
            tax=from_cents(r[2]),
            documents=r[3],
        )
        for r in rows
    ]


@strawberry.type
class ReportQueries:
    @api.query(VIEW, description="Opening, debits, credits and closing balance per account.")
    async def trial_balance(
        self,
        info: strawberry.Info,
        from_: From,
        to: dt.date,
        organisation_id: OrganisationArg = None,
    ) -> TrialBalance:
        org = await organisation(info, organisation_id)
        rows = await reports.trial_balance(org, from_, to)
        return TrialBalance(
            start=from_,
            end=to,
            currency=settings().currency,
            rows=[
                TrialBalanceRow(
                    account_id=_id("Account", r.account_id),
                    code=r.code,
                    name=r.name,
                    type=AccountType(r.type),
                    opening=from_cents(r.opening),
                    debit=from_cents(r.debit),
                    credit=from_cents(r.credit),
                    closing=from_cents(r.closing),
                )
                for r in rows
            ],
            total_debit=from_cents(sum(r.debit for r in rows)),
            total_credit=from_cents(sum(r.credit for r in rows)),
            total_closing=from_cents(sum(r.closing for r in rows)),
        )

    @api.query(VIEW, description="An account's lines with the running balance (window function).")
    async def general_ledger(
        self,
        info: strawberry.Info,
        account_id: strawberry.ID,
        from_: From,
        to: dt.date,
        first: int = 100,
        offset: int = 0,
        organisation_id: OrganisationArg = None,
    ) -> GeneralLedger:
        org = await organisation(info, organisation_id)
        pk = api.decode_id(account_id, "Account", "accountId")
        first = max(0, min(first, MAX_LEDGER_PAGE))
        ledger = await reports.general_ledger(org, pk, from_, to, first, max(0, offset))
        return GeneralLedger(
            account_id=account_id,
            code=ledger.account.code,
            name=ledger.account.name,
            opening=from_cents(ledger.opening),
            debit=from_cents(ledger.debit),
            credit=from_cents(ledger.credit),
            closing=from_cents(ledger.closing),
            total_count=ledger.total_count,
            lines=[
                LedgerLine(
                    entry_id=_id("JournalEntry", ln.entry_id),
                    date=ln.date,
                    journal=ln.journal,
                    number=ln.number,
                    reference=ln.reference,
                    label=ln.label,
                    debit=from_cents(ln.debit),
                    credit=from_cents(ln.credit),
                    balance=from_cents(ln.balance),
                    currency=ln.currency,
                    amount=from_cents(ln.amount),
                )
                for ln in ledger.lines
            ],
        )

    @api.query(VIEW, description="Income and expense of a period, compared with the previous one.")
    async def profit_and_loss(
        self,
        info: strawberry.Info,
        from_: From,
        to: dt.date,
        organisation_id: OrganisationArg = None,
    ) -> ProfitAndLoss:
        org = await organisation(info, organisation_id)
        income, expense = await reports.profit_and_loss(org, from_, to)
        prev_start, prev_end = reports.previous_range(from_, to)
        return ProfitAndLoss(
            start=from_,
            end=to,
            previous_start=prev_start,
            previous_end=prev_end,
            income=_section(income),
            expense=_section(expense),
            net=from_cents(income.total - expense.total),
            previous_net=from_cents(income.previous_total - expense.previous_total),
        )

    @api.query(VIEW, description="Assets, liabilities and equity at a date, and a year before.")
    async def balance_sheet(
        self, info: strawberry.Info, at: dt.date, organisation_id: OrganisationArg = None
    ) -> BalanceSheet:
        org = await organisation(info, organisation_id)
        try:
            previous = at.replace(year=at.year - 1)
        except ValueError:  # 29 February
            previous = at.replace(year=at.year - 1, day=28)
        data = await reports.balance_sheet(org, at, previous)
        s = data["sections"]
        assets, liabilities, equity = s["asset"], s["liability"], s["equity"]
        return BalanceSheet(
            at=at,
            previous_at=previous,
            assets=_section(assets),
            liabilities=_section(liabilities),
            equity=_section(equity),
            result=from_cents(data["result"]),
            previous_result=from_cents(data["result_previous"]),
            total_assets=from_cents(assets.total),
            total_liabilities_and_equity=from_cents(
                liabilities.total + equity.total + data["result"]
            ),
        )

    @api.query(VIEW, description="The VAT register of the sales or purchases journals, by rate.")
    async def vat_register(
        self,
        info: strawberry.Info,
        book: VatBook,
        from_: From,
        to: dt.date,
        organisation_id: OrganisationArg = None,
    ) -> list[VatRegisterRow]:
        org = await organisation(info, organisation_id)
        return _vat_rows(await reports.vat_register(org, book.value, from_, to))

    @api.query(VIEW, description="The periodic VAT settlement figures of a period.")
    async def vat_settlement(
        self,
        info: strawberry.Info,
        from_: From,
        to: dt.date,
        organisation_id: OrganisationArg = None,
    ) -> VatSettlement:
        org = await organisation(info, organisation_id)
        out, inp = await reports.vat_settlement(org, from_, to)
        return VatSettlement(
            start=from_,
            end=to,
            sales=_vat_rows(await reports.vat_register(org, "sales", from_, to)),
            purchases=_vat_rows(await reports.vat_register(org, "purchases", from_, to)),
            output_vat=from_cents(out),
            input_vat=from_cents(inp),
            payable=from_cents(out - inp),
        )

    @api.query(VIEW, description="A report as a file: trial balance or ledger CSV, beancount.")
    async def ledger_export(
        self,
        info: strawberry.Info,
        format: ExportFormat,
        from_: From,
        to: dt.date,
        account_id: strawberry.ID | None = None,
        organisation_id: OrganisationArg = None,
    ) -> str:
        org = await organisation(info, organisation_id)
        if format is ExportFormat.TRIAL_BALANCE_CSV:
            return await exports.trial_balance_csv(org, from_, to)
        if format is ExportFormat.BEANCOUNT:
            return await exports.beancount(org, from_, to)
        if account_id is None:
            raise api.ServiceError("REQUIRED", "core.required", "accountId")
        pk = api.decode_id(account_id, "Account", "accountId")
        return await exports.general_ledger_csv(org, pk, from_, to)
