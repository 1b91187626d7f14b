"""GraphQL types of the ledger. Amounts are stored in cents and shown as decimals."""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal
from typing import Any

import strawberry
from strawberry import relay
from tortoise.expressions import Q, Subquery

from sportello import api
from sportello_accounting import models
from sportello_accounting.services._common import from_cents

VIEW = "accounting.view"


@strawberry.enum(description="What an account is: where it shows in the reports.")
class AccountType(enum.Enum):
    ASSET = models.ASSET
    LIABILITY = models.LIABILITY
    EQUITY = models.EQUITY
    INCOME = models.INCOME
    EXPENSE = models.EXPENSE


@strawberry.enum(description="What an account is used for by the postings.")
class AccountRole(enum.Enum):
    RECEIVABLE = "receivable"
    PAYABLE = "payable"
    BANK = "bank"
    CASH = "cash"
    VAT_OUTPUT = "vat_output"
    VAT_INPUT = "vat_input"
    VAT_SETTLEMENT = "vat_settlement"
    ROUNDING = "rounding"
    RETAINED_EARNINGS = "retained_earnings"
    YEAR_RESULT = "year_result"
    SALES = "sales"
    PURCHASES = "purchases"
    REVENUE_ROOMS = "revenue_rooms"
    REVENUE_FOOD = "revenue_food"
    CITY_TAX = "city_tax"
    CARD_CLEARING = "card_clearing"
    CUSTOMER_ADVANCES = "customer_advances"
    CASH_DIFFERENCE = "cash_difference"


@strawberry.enum(description="The chart templates.")
class ChartTemplate(enum.Enum):
    GENERIC = "generic"
    IT = "it"
    ES = "es"
    GR = "gr"


@strawberry.enum
class JournalKind(enum.Enum):
    SALES = "sales"
    PURCHASES = "purchases"
    BANK = "bank"
    CASH = "cash"
    MISC = "misc"


@strawberry.enum(description="A line's part in the VAT registers.")
class TaxKind(enum.Enum):
    BASE = "base"
    TAX = "tax"


@strawberry.enum
class PeriodStatus(enum.Enum):
    OPEN = models.OPEN
    CLOSED = models.CLOSED


def _role(root: models.Account) -> AccountRole | None:
    return AccountRole(root.role) if root.role else None


def ledger_scope(path: str) -> api.SiteScope:
    """Rows of the ledgers of the organisations the caller's sites name (a site-bound user
    reads no other organisation's accounting rows, by ``node(id:)`` or in a list)."""

    def condition(site_ids: frozenset[int]) -> Q:
        named = api.SiteModel.filter(id__in=list(site_ids), organisation_id__not_isnull=True)
        within: dict[str, Any] = {f"{path}__in": Subquery(named.values("organisation_id"))}
        return Q(**within)

    return api.SiteScope(condition)


@strawberry.type(description="An account of the chart.")
class Account(api.ModelNode):
    __model__ = models.Account
    __site_field__ = ledger_scope("organisation_id")
    __permission__ = VIEW
    __needs__ = {"role": api.needs("role")}

    id: relay.NodeID[int]
    code: str
    name: str
    type: AccountType
    archived: bool
    role: AccountRole | None = strawberry.field(resolver=_role)


@strawberry.type(description="A book of entries.")
class Journal(api.ModelNode):
    __model__ = models.Journal
    __site_field__ = ledger_scope("organisation_id")
    __permission__ = VIEW

    id: relay.NodeID[int]
    code: str
    name: str
    kind: JournalKind
    archived: bool


@strawberry.type(description="A month of a fiscal year; a closed one takes no posting.")
class Period(api.ModelNode):
    __model__ = models.Period
    __site_field__ = ledger_scope("fiscal_year__organisation_id")
    __permission__ = VIEW

    id: relay.NodeID[int]
    start: dt.date
    end: dt.date
    status: PeriodStatus
    closed_at: dt.datetime | None
    entries_at_close: int | None = strawberry.field(
        description="The entries the period held when it closed: it never holds more"
    )


@strawberry.type(description="A fiscal year and its twelve monthly periods.")
class FiscalYear(api.ModelNode):
    __model__ = models.FiscalYear
    __site_field__ = ledger_scope("organisation_id")
    __permission__ = VIEW

    id: relay.NodeID[int]
    name: str
    start: dt.date
    end: dt.date
    status: PeriodStatus
    periods: list[Period] = api.related(Period, "fiscal_year", order_by=("start",))


def _debit(root: models.EntryLine) -> Decimal:
    return from_cents(root.debit)


def _credit(root: models.EntryLine) -> Decimal:
    return from_cents(root.credit)


def _amount(root: models.EntryLine) -> Decimal:
    return from_cents(root.amount)


@strawberry.type(description="A debit or a credit of an entry.")
class EntryLine(api.ModelNode):
    __model__ = models.EntryLine
    __site_field__ = ledger_scope("account__organisation_id")
    __permission__ = VIEW
    __needs__ = {
        "debit": api.needs("debit"),
        "credit": api.needs("credit"),
        "amount": api.needs("amount"),
    }

    id: relay.NodeID[int]
    account: Account
    party: api.Party | None
    currency: str
    rate: Decimal
    label: str
    tax_rate: Decimal | None
    debit: Decimal = strawberry.field(resolver=_debit, description="Company currency")
    credit: Decimal = strawberry.field(resolver=_credit, description="Company currency")
    amount: Decimal = strawberry.field(
        resolver=_amount, description="Signed amount in the line's currency (debit positive)"
    )


def _posted() -> bool:
    return True


def _reversed_by(root: models.Entry) -> strawberry.ID | None:
    if root.reversed_by_id is None:
        return None
    return strawberry.ID(api.encode_id("JournalEntry", root.reversed_by_id))


@strawberry.type(description="A posted journal entry: balanced, numbered, immutable.")
class JournalEntry(api.ModelNode):
    __model__ = models.Entry
    __site_field__ = ledger_scope("journal__organisation_id")
    __permission__ = VIEW
    __needs__ = {"posted": api.needs(), "reversed_by": api.needs("reversed_by_id")}

    id: relay.NodeID[int]
    journal: Journal
    number: int = strawberry.field(description="Gapless within the journal and fiscal year")
    date: dt.date
    reference: str
    source_office: str
    source_document: str | None
    source_event: int | None
    reversal_of: JournalEntry | None
    reversed_by: strawberry.ID | None = strawberry.field(
        resolver=_reversed_by, description="The entry reversing this one (null: not reversed)"
    )
    created_at: dt.datetime
    lines: list[EntryLine] = api.related(EntryLine, "entry", order_by=("id",))
    posted: bool = strawberry.field(
        resolver=_posted, description="Always true: entries are posted whole or not at all"
    )


def _item_amount(root: models.OpenItem) -> Decimal:
    return from_cents(root.amount)


def _item_open(root: models.OpenItem) -> Decimal:
    return from_cents(root.amount - root.settled)


@strawberry.type(
    description="A document a receivable line opened (an invoice, a closed folio) and what is open"
)
class OpenItem(api.ModelNode):
    __model__ = models.OpenItem
    __site_field__ = ledger_scope("line__account__organisation_id")
    __permission__ = VIEW
    __needs__ = {
        "amount": api.needs("amount"),
        "open_amount": api.needs("amount", "settled"),
    }

    id: relay.NodeID[int]
    source_office: str = strawberry.field(description="The office that issued the document")
    document: str = strawberry.field(description="The issuing office's key: invoice:12, folio:7")
    number: str
    due_date: dt.date
    line: EntryLine = strawberry.field(description="The receivable line that opened it")
    amount: Decimal = strawberry.field(resolver=_item_amount, description="What it opened")
    open_amount: Decimal = strawberry.field(
        resolver=_item_open, description="What is still open (every settlement so far)"
    )


AccountingError = api.office_errors(
    "Accounting",
    "UNBALANCED",
    "PERIOD_LOCKED",
    "NO_PERIOD",
    "RATE_REQUIRED",
    "NO_ROUNDING_ACCOUNT",
    "ACCOUNT_ARCHIVED",
    "ACCOUNT_IN_USE",
    "ALREADY_REVERSED",
    "PERIOD_CLOSED",
    "YEAR_OVERLAPS",
    "CHART_INSTALLED",
    "CODE_TAKEN",
    "YEAR_CLOSED",
    "NO_RESULT_ACCOUNT",
    "BILL_EXISTS",
    "OVERPAID",
    "STATEMENT_EXISTS",
    "ALREADY_RECONCILED",
    "INVALID_KEY",
    "WRONG_ACCOUNT_TYPE",
    "NO_ACCOUNT",
    "ORGANISATION_REQUIRED",
    "NOT_AN_ORGANISATION",
    "OTHER_ORGANISATION",
    "OTHER_PARTY",
    "CURRENCY_MISMATCH",
    "NOT_ON_ACCOUNT",
    "MORE_THAN_ON_ACCOUNT",
    "MORE_THAN_OPEN",
)
