"""Bank statements: import, lines (unmatched ones stay visible), ranked suggestions, reconcile."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import AsyncIterable
from decimal import Decimal

import strawberry
from strawberry import relay

from sportello import api
from sportello_accounting import models
from sportello_accounting.graphql.organisation import OrganisationArg, organisation
from sportello_accounting.graphql.payables import SupplierBill
from sportello_accounting.graphql.types import (
    VIEW,
    Account,
    AccountingError,
    JournalEntry,
    ledger_scope,
)
from sportello_accounting.services import bank, bank_receivables
from sportello_accounting.services._common import from_cents


@strawberry.enum
class StatementFormat(enum.Enum):
    CAMT053 = "camt053"
    CSV = "csv"


@strawberry.enum
class BankLineStatus(enum.Enum):
    OPEN = bank.OPEN
    RECONCILED = bank.RECONCILED


@strawberry.type(description="A bank statement imported for a bank or cash account.")
class BankStatement(api.ModelNode):
    __model__ = models.BankStatement
    __site_field__ = ledger_scope("account__organisation_id")
    __permission__ = VIEW

    id: relay.NodeID[int]
    account: Account
    reference: str
    format: str
    imported_at: dt.datetime


def _amount(root: models.BankLine) -> Decimal:
    return from_cents(root.amount)


@strawberry.type(description="A statement line: open until reconciled with a document.")
class BankLine(api.ModelNode):
    __model__ = models.BankLine
    __site_field__ = ledger_scope("statement__account__organisation_id")
    __permission__ = VIEW
    __needs__ = {"amount": api.needs("amount")}

    id: relay.NodeID[int]
    statement: BankStatement
    date: dt.date
    counterparty: str
    reference: str
    status: BankLineStatus
    bill: SupplierBill | None
    entry: JournalEntry | None
    amount: Decimal = strawberry.field(
        resolver=_amount, description="Positive money in, negative money out"
    )


@strawberry.type
class BankMatch:
    bill: SupplierBill
    score: int = strawberry.field(description="amount 50, reference 30, party 20")
    reasons: list[str]


@strawberry.type(description="A customer who may have paid an incoming line.")
class ReceivableMatch:
    party: api.Party
    open_amount: Decimal = strawberry.field(description="What the party owes today")
    reference: str | None = strawberry.field(
        description="The document (an invoice number) the amount or the statement's text matched"
    )
    score: int = strawberry.field(description="amount 50, reference 30, party 20")
    reasons: list[str]


StatementPayload = api.payload(BankStatement, errors=AccountingError)
LinePayload = api.payload(BankLine, errors=AccountingError)


@api.mutation(
    "accounting.post",
    StatementPayload,
    description=(
        "Import a statement (CAMT.053 XML or CSV with date, amount, counterparty, reference)"
        " for a bank or cash account; a statement is imported once (STATEMENT_EXISTS)."
    ),
)
async def bank_statement_import(
    info: strawberry.Info, account_id: strawberry.ID, format: StatementFormat, content: str
) -> models.BankStatement:
    return await bank.import_statement(
        info.context.actor,
        api.decode_id(account_id, "Account", "accountId"),
        format.value,
        content,
    )


@api.mutation(
    "accounting.post",
    LinePayload,
    description="Confirm a match: the line pays the bill (a payment entry), reconciled once.",
)
async def bank_line_reconcile(
    info: strawberry.Info, line_id: strawberry.ID, bill_id: strawberry.ID
) -> models.BankLine:
    return await bank.reconcile(
        info.context.actor,
        api.decode_id(line_id, "BankLine", "lineId"),
        api.decode_id(bill_id, "SupplierBill", "billId"),
    )


@api.mutation(
    "accounting.post",
    LinePayload,
    description=(
        "Confirm an incoming line as a customer's payment: a receipt entry crediting the"
        " party's receivable, the line reconciled once."
    ),
)
async def bank_line_reconcile_receivable(
    info: strawberry.Info, line_id: strawberry.ID, party_id: strawberry.ID
) -> models.BankLine:
    return await bank_receivables.reconcile(
        info.context.actor,
        api.decode_id(line_id, "BankLine", "lineId"),
        api.decode_id(party_id, "Party", "partyId"),
    )


@strawberry.type
class BankQueries:
    @api.connection(api.Connection[BankLine], VIEW, description="Statement lines by date.")
    async def bank_lines(
        self,
        info: strawberry.Info,
        statement_id: strawberry.ID | None = None,
        status: BankLineStatus | None = None,
        organisation_id: OrganisationArg = None,
    ) -> AsyncIterable[models.BankLine]:
        org = await organisation(info, organisation_id)
        qs = models.BankLine.filter(statement__account__organisation_id=org)
        if statement_id is not None:
            qs = qs.filter(statement_id=api.decode_id(statement_id, "BankStatement", "statementId"))
        if status is not None:
            qs = qs.filter(status=status.value)
        return qs.order_by("date", "id")

    @api.query(VIEW, description="Open documents a line may settle, best first.")
    async def bank_line_suggestions(
        self, info: strawberry.Info, line_id: strawberry.ID
    ) -> list[BankMatch]:
        line = api.decode_id(line_id, "BankLine", "lineId")
        matches = await bank.suggestions(line, actor=info.context.actor)
        return [BankMatch(bill=x.bill, score=x.score, reasons=x.reasons) for x in matches]  # type: ignore[arg-type]  # a model row served as its node type

    @api.query(VIEW, description="Customers who may have paid an incoming line, best first.")
    async def bank_line_receivable_suggestions(
        self, info: strawberry.Info, line_id: strawberry.ID
    ) -> list[ReceivableMatch]:
        line = api.decode_id(line_id, "BankLine", "lineId")
        matches = await bank_receivables.suggestions(line, actor=info.context.actor)
        return [
            ReceivableMatch(
                party=x.party,  # type: ignore[arg-type]  # a model row served as its node type
                open_amount=from_cents(x.open_amount),
                reference=x.reference,
                score=x.score,
                reasons=x.reasons,
            )
            for x in matches
        ]
